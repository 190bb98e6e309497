// Last-resort bookkeeping of what the harness created (processes, network
// namespaces, mounts). The cleanup stack removes each item normally; if the
// test process exits first (a crash, an interrupted run), the `exit` handler
// below removes whatever is left, synchronously.
import { execFileSync, type ChildProcess } from 'node:child_process';

const processes = new Set<ChildProcess>();
const namespaces = new Set<string>();
const mounts = new Set<string>();

export function rememberProcess(child: ChildProcess): void {
  processes.add(child);
}
export function forgetProcess(child: ChildProcess): void {
  processes.delete(child);
}
export function rememberNamespace(name: string): void {
  namespaces.add(name);
}
export function forgetNamespace(name: string): void {
  namespaces.delete(name);
}
export function rememberMount(path: string): void {
  mounts.add(path);
}
export function forgetMount(path: string): void {
  mounts.delete(path);
}

function removeLeftovers(): void {
  for (const child of processes) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const path of mounts) {
    try {
      execFileSync('umount', ['-l', path], { stdio: 'ignore' });
    } catch {
      // not mounted any more
    }
  }
  for (const name of namespaces) {
    try {
      execFileSync('ip', ['netns', 'del', name], { stdio: 'ignore' });
    } catch {
      // already deleted
    }
  }
}

process.once('exit', removeLeftovers);
