import { realFsOps, type FsOps, type Step } from '../../../src/repair/fs-ops.js';

/** What to do when the protocol reaches a step: throw an I/O error, or die like a `kill -9`. */
export type Fault = { step: Step; when: 'before' | 'after'; how: 'throw' | 'kill' };

function hit(fault: Fault, step: Step, when: 'before' | 'after'): void {
  if (fault.step !== step || fault.when !== when) return;
  if (fault.how === 'kill') process.kill(process.pid, 'SIGKILL');
  const error = new Error(`injected failure at ${step}`) as NodeJS.ErrnoException;
  error.code = 'EIO';
  throw error;
}

/** realFsOps with one fault injected at the first call labelled `fault.step`. */
export function faultyFs(fault: Fault): FsOps {
  const wrap =
    <A extends unknown[], R>(fn: (step: Step, ...args: A) => R) =>
    (step: Step, ...args: A): R => {
      hit(fault, step, 'before');
      const result = fn(step, ...args);
      hit(fault, step, 'after');
      return result;
    };
  return {
    open: wrap(realFsOps.open),
    write: wrap(realFsOps.write),
    fsync: wrap(realFsOps.fsync),
    fchown: wrap(realFsOps.fchown),
    fchmod: wrap(realFsOps.fchmod),
    rename: wrap(realFsOps.rename),
    link: wrap(realFsOps.link),
    fsyncDir: wrap(realFsOps.fsyncDir),
  };
}
