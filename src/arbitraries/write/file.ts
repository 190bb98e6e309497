import type {
  DeclarationRecord,
  DeclarationSpan,
  LeasesFileModel,
  RenderedLeasesFile,
} from '../types.js';
import { formatLeaseId } from './bytes.js';
import { writeClass, writeSubclass } from './class.js';
import { writeFailoverState } from './failover.js';
import { writeGroup, writeHost } from './host.js';
import { writeIa } from './ia.js';
import { writeLease, type WriteOptions } from './lease.js';

/**
 * server/db.c new_lease_file: the header comment, then (4.3 and later) the
 * authoring-byte-order entry with its own comment.
 */
function header(model: LeasesFileModel): { text: string; byteOrder: DeclarationSpan | null } {
  let text = '';
  if (model.writerVersion !== null) {
    text += '# The format of this file is documented in the dhcpd.leases(5) manual page.\n';
    text += `# This lease file was written by isc-dhcp-${model.writerVersion}\n\n`;
  }
  if (model.byteOrder === null) return { text, byteOrder: null };
  text += '# authoring-byte-order entry is generated, DO NOT DELETE\n';
  const start = text.length;
  text += `authoring-byte-order ${model.byteOrder};`;
  const span: DeclarationSpan = { kind: 'authoring-byte-order', start, end: text.length };
  return { text: `${text}\n\n`, byteOrder: span };
}

/** One declaration as its writer prints it: what comes before it, itself, and what follows. */
function render(
  record: DeclarationRecord,
  options: WriteOptions,
): { before: string; body: string; after: string } {
  switch (record.kind) {
    case 'lease':
      return { before: '', body: writeLease(record, options), after: '\n' };
    case 'host':
      return { before: '', body: writeHost(record), after: '\n' };
    case 'group':
      return { before: '', body: writeGroup(record), after: '\n' };
    case 'class':
      return { before: '', body: writeClass(record), after: '\n\n' };
    case 'subclass':
      return { before: '', body: writeSubclass(record), after: '\n\n' };
    case 'failover-state':
      return { before: '\n', body: writeFailoverState(record, options.timeFormat), after: '\n' };
    case 'ia-na':
    case 'ia-ta':
    case 'ia-pd':
      return { before: '', body: writeIa(record, options), after: '\n\n' };
    case 'server-duid':
      return {
        before: '',
        body: `server-duid ${formatLeaseId(record.duid, options.leaseIdFormat, options.rawHighBytes)};`,
        after: '\n\n',
      };
  }
}

/**
 * The whole file: header, snapshot, appended history, exactly as dhcpd
 * writes them, with the byte span of every top-level declaration (the text
 * is latin1: one char per byte, so string offsets are byte offsets).
 */
export function writeLeasesFile(model: LeasesFileModel, rawHighBytes = false): RenderedLeasesFile {
  const options: WriteOptions = {
    timeFormat: model.timeFormat,
    leaseIdFormat: model.leaseIdFormat,
    rawHighBytes,
  };
  const head = header(model);
  let text = head.text;
  const declarations: DeclarationSpan[] = head.byteOrder ? [head.byteOrder] : [];
  for (const record of [...model.snapshot, ...model.appended]) {
    const { before, body, after } = render(record, options);
    text += before;
    declarations.push({ kind: record.kind, start: text.length, end: text.length + body.length });
    text += body + after;
  }
  return { text, declarations };
}

/** One declaration's text as dhcpd writes it (no surrounding newlines). */
export function writeDeclaration(
  record: DeclarationRecord,
  options: Partial<WriteOptions> = {},
): string {
  return render(record, {
    timeFormat: options.timeFormat ?? 'utc',
    leaseIdFormat: options.leaseIdFormat ?? 'octal',
    rawHighBytes: options.rawHighBytes ?? false,
  }).body;
}
