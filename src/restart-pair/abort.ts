/** How a step stops the procedure: thrown inside, turned into the `abort` event by run.ts. */
import type { Role, StepName } from './types.js';

export class RestartAbort extends Error {
  constructor(
    readonly step: StepName,
    readonly server: Role | null,
    readonly reason: string,
    readonly advice: string,
    readonly exitCode: 4 | 8,
  ) {
    super(reason);
    this.name = 'RestartAbort';
  }
}
