// A stack of undo actions, run in reverse order after each test (or after
// the whole file), whether the test passed, failed or timed out.
import { afterAll, afterEach } from 'vitest';

export class Cleanup {
  private readonly actions: { label: string; undo: () => Promise<unknown> | unknown }[] = [];

  /** Registers `undo`; it runs before everything registered earlier. */
  add(label: string, undo: () => Promise<unknown> | unknown): void {
    this.actions.push({ label, undo });
  }

  /** Runs every action even when some fail, then reports the failures together. */
  async run(): Promise<void> {
    const failures: string[] = [];
    while (this.actions.length > 0) {
      const action = this.actions.pop();
      if (action === undefined) break;
      try {
        await action.undo();
      } catch (error) {
        failures.push(`${action.label}: ${(error as Error).message}`);
      }
    }
    if (failures.length > 0) throw new Error(`cleanup failed:\n${failures.join('\n')}`);
  }
}

/** A cleanup stack emptied after every test of the enclosing `describe` (or file). */
export function cleanupAfterEach(): Cleanup {
  const cleanup = new Cleanup();
  afterEach(() => cleanup.run());
  return cleanup;
}

/** A cleanup stack emptied once, after the last test of the enclosing `describe` (or file). */
export function cleanupAfterAll(): Cleanup {
  const cleanup = new Cleanup();
  afterAll(() => cleanup.run());
  return cleanup;
}
