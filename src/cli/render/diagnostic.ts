/**
 * The one way a diagnostic (a check problem, a verify, pair or configuration
 * finding) is written for people: `LABEL [CODE] WHERE: MESSAGE [AFTER]`, each
 * part only where the caller gives it. Each report chooses its parts (check
 * leads with the severity and code, verify puts the places after the message)
 * so that its text stays what it has always been.
 */
export interface DiagnosticParts {
  /** Leading spaces: the diagnostic's depth in its report. */
  indent?: string;
  /** The severity or the code, coloured by the caller. */
  label?: string;
  /** Shown in brackets after the label. */
  code?: string;
  /** Where, before the message: `line 3, column 1 (byte 40)`. */
  where?: string;
  message: string;
  /** Where, after the message, in brackets: `file line 3; log dhcpd.log:10`. */
  after?: string;
}

export function diagnosticLine(parts: DiagnosticParts): string {
  const head = [parts.label, parts.code !== undefined ? `[${parts.code}]` : undefined, parts.where]
    .filter((part) => part !== undefined && part !== '')
    .join(' ');
  const tail = parts.after ? ` [${parts.after}]` : '';
  return `${parts.indent ?? ''}${head === '' ? '' : `${head}: `}${parts.message}${tail}`;
}
