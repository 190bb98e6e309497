/**
 * Sets V8 flags for the length of one call, then back to V8's defaults.
 *
 * node:v8's setFlagsFromString is the public way, but loading node:v8 loads
 * Node's streams with it: 37 million instructions (valgrind's callgrind,
 * `node -e "require('v8')"` against `node -e 0`), 40% of Node's own start;
 * on a 3.6 MB check that ate all the flag saves (0.98x the wall time of
 * not setting it, 21 alternating runs). Node's own binding under it is
 * loaded at start already, and `process.binding('v8')` hands it out. That
 * call is deprecated (DEP0111) and prints a warning once, which is held
 * back here: the warning would tell an admin about leasecheck's insides.
 * Where the binding is not there (another Node), the flag is not set and
 * the call runs as V8 runs it by default. Only speed depends on the flags
 * set here, never a result.
 */

type FlagSetter = (flags: string) => void;

/** undefined: not looked for yet; null: none (calls then run without the flag). */
let setter: FlagSetter | null | undefined;

function flagSetter(): FlagSetter | null {
  if (setter !== undefined) return setter;
  setter = null;
  const warningsWere = process.noDeprecation;
  process.noDeprecation = true;
  try {
    const bind = (process as unknown as { binding?: (name: string) => unknown }).binding;
    const binding = bind?.call(process, 'v8') as { setFlagsFromString?: unknown } | undefined;
    const set = binding?.setFlagsFromString;
    if (typeof set === 'function') setter = (flags) => set.call(binding, flags);
  } catch {
    // Not in this Node: calls run without the flag.
  } finally {
    process.noDeprecation = warningsWere;
  }
  return setter;
}

/** Flags to set for a while, and the flags that give V8's defaults back. */
export interface V8FlagChange {
  readonly set: string;
  /**
   * Every flag `set` changes, back at V8's default: a flag can change others
   * (V8's flag implications) that turning it off again leaves changed.
   */
  readonly restore: string;
}

/**
 * Runs `action` with `change.set`, and restores V8's defaults however
 * `action` ends: V8 refuses a code cache written under other flags than
 * its own, and the CLI's (bin/cli-loader.js) is written by a process that
 * has run checks (scripts/write-code-cache.mjs; test/cli/code-cache.test.ts
 * holds it to being accepted).
 */
export function withV8Flags<T>(change: V8FlagChange, action: () => T): T {
  const set = flagSetter();
  if (set === null) return action();
  set(change.set);
  try {
    return action();
  } finally {
    set(change.restore);
  }
}
