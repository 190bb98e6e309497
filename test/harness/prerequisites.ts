// Whether this machine can run the real ISC dhcpd tests: root, the dhcpd
// binary (and any other tool a test names), and working network namespaces.
// Elsewhere those tests skip with a visible reason; under CI=true a missing
// prerequisite is a failure, because CI installs everything (.ci/run).
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, it } from 'vitest';

const extraDirs = ['/usr/sbin', '/sbin', '/usr/bin', '/bin'];

/** The absolute path of an executable on PATH (plus the sbin directories, which a non-root PATH lacks). */
export function findTool(name: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...extraDirs].filter(Boolean);
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return null;
}

/** Resolves a tool or throws; call only after `requireRealDhcpd` said the tool is there. */
export function tool(name: string): string {
  const path = findTool(name);
  if (path === null) throw new Error(`${name} is not installed`);
  return path;
}

let namespacesWork: string | null | undefined;

/** Creates and deletes a throw-away namespace once: `ip netns` may exist and still be refused (containers without CAP_SYS_ADMIN). */
function namespaceProblem(): string | null {
  if (namespacesWork !== undefined) return namespacesWork;
  const probe = `lhprobe${process.pid}`;
  try {
    execFileSync(tool('ip'), ['netns', 'add', probe], { stdio: 'pipe' });
    execFileSync(tool('ip'), ['netns', 'del', probe], { stdio: 'pipe' });
    namespacesWork = null;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    namespacesWork = `\`ip netns add\` does not work here (${stderr || (error as Error).message})`;
  }
  return namespacesWork;
}

/** Why the real-dhcpd tests cannot run here, or null when they can. */
export function missingPrerequisite(tools: readonly string[] = []): string | null {
  if (process.getuid?.() !== 0) return 'not running as root (network namespaces and dhcpd need it)';
  const missingTools = ['dhcpd', 'ip', ...tools].filter((name) => findTool(name) === null);
  if (missingTools.length > 0) {
    return `missing ${missingTools.join(', ')} (Debian: isc-dhcp-server isc-dhcp-client kea-admin strace iproute2 faketime; see .ci/run)`;
  }
  return namespaceProblem();
}

export function isCi(): boolean {
  return ['true', '1', 'yes'].includes((process.env.CI ?? '').toLowerCase());
}

export interface RealDhcpdGate {
  /** True when the tests must not run; pass to `describe.skipIf`. */
  skip: boolean;
  /** Why they are skipped ('' when they run). */
  reason: string;
}

/**
 * Call at the top of a test file that needs the real dhcpd, then wrap its tests in
 * `describe.skipIf(gate.skip)(…)`. When something is missing it prints the reason;
 * under CI=true it instead registers a failing test that names it.
 */
export function requireRealDhcpd(tools: readonly string[] = []): RealDhcpdGate {
  const reason = missingPrerequisite(tools);
  if (reason === null) return { skip: false, reason: '' };
  if (isCi()) {
    describe('real dhcpd prerequisites (CI=true: required)', () => {
      it('are all present', () => {
        throw new Error(`real-dhcpd tests cannot run: ${reason}`);
      });
    });
  } else {
    console.warn(`[real-dhcpd] skipping: ${reason}`);
  }
  return { skip: true, reason };
}
