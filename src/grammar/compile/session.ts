/**
 * Diagnostics collected by the compiler passes (after peggy's Session): a pass
 * reports and carries on, and the pipeline stops after the stage that reported.
 */
export class CompileSession {
  readonly errors: string[] = [];

  error(message: string): void {
    this.errors.push(message);
  }
}
