import { LeasecheckError } from '../../errors.js';
import type { OmapiCliOptions } from '../../omapi/options.js';
import type { CompareReport } from '../../omapi/types.js';
import { ExitCode } from '../exit-codes.js';
import { paint, type CliIo } from '../io.js';
import type { RegisterCommand } from './index.js';
import { loadConfigOption } from '../options.js';
import { addOmapiOptions } from './omapi.js';

interface CompareCliOptions extends OmapiCliOptions {
  sample?: string;
  json?: boolean;
  config?: string;
}

function parseSample(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new LeasecheckError(`--sample ${JSON.stringify(text)}: expected a positive number`, 16);
  }
  return Number(text);
}

const article = (word: string): string => (/^[aeiou]/.test(word) ? 'an' : 'a');

function render(io: CliIo, report: CompareReport): string {
  const lines: string[] = [];
  const plural = (n: number): string => `${n} address${n === 1 ? '' : 'es'}`;
  const scope =
    report.compared === report.addresses
      ? plural(report.compared)
      : `${report.compared} of ${plural(report.addresses)} (the latest written)`;
  const looked =
    report.unlisted === null
      ? scope
      : `${scope}, and ${plural(report.unlisted)} of the config's ranges the file does not name`;
  const differing = new Set(report.differences.map((d) => d.address)).size;
  if (!report.agree) {
    lines.push(
      `${report.file}: ${paint(io, 'red', `${differing} address${differing === 1 ? '' : 'es'} differ`)} from dhcpd at ${report.server} (${looked})`,
    );
  } else if (report.complete) {
    lines.push(
      `${report.file}: ${paint(io, 'green', 'agrees')} with dhcpd at ${report.server} (${looked})`,
    );
  } else {
    lines.push(
      `${report.file}: ${paint(io, 'yellow', 'not established')}: the file's ${plural(report.compared)} agree with dhcpd at ${report.server}, but a lease dhcpd holds and the file lacks cannot be found without the ranges; give --config DHCPD.CONF`,
    );
  }
  for (const d of report.differences) {
    let detail: string;
    if (d.field === 'presence' && d.file === null) {
      const hardware = d.serverHardware ? `, hardware ${d.serverHardware}` : '';
      const ends = d.serverEnds ? `, ends ${d.serverEnds}` : '';
      detail = `dhcpd holds ${article(d.server ?? '')} ${d.server} lease${hardware}${ends}; the file has none`;
    } else if (d.field === 'presence') {
      detail = `the file has ${article(d.file ?? '')} ${d.file} lease (line ${d.line}); dhcpd has none`;
    } else {
      detail = `${d.field}: file ${d.file ?? '(none)'} (line ${d.line}), dhcpd ${d.server ?? '(none)'}`;
    }
    lines.push(`  ${d.address}  ${detail}`);
  }
  if (report.unwritten.length > 0) {
    const n = report.unwritten.length;
    lines.push(
      `info: ${plural(n)} hold${n === 1 ? 's' : ''} an offer dhcpd made and never committed (no DHCPREQUEST came; dhcpd writes a lease only when it acknowledges it): not a difference`,
    );
    for (const note of report.unwritten) {
      const where = note.line === null ? 'not in the file' : `file line ${note.line}`;
      lines.push(
        `  ${note.address}  ${note.state}, offered to ${note.hardware ?? '(no hardware)'} at ${note.offeredAt ?? '?'} until ${note.ends ?? '?'} (${where})`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

export const registerCompare: RegisterCommand = (program, io, setExit) => {
  addOmapiOptions(
    program
      .command('compare')
      .description(
        'compare a lease file with what the running dhcpd holds in memory (binding state, hardware address, ends), over OMAPI',
      )
      .argument('<file>', 'the lease file (dhcpd.leases)')
      .option(
        '--config <dhcpd.conf>',
        "dhcpd's config: every address of its ranges is looked up, so a lease dhcpd holds and the file lacks is found (without it compare cannot agree, exit 4)",
      )
      .option('--sample <n>', 'compare only the N addresses written last in the file')
      .option('--json', 'print the report as JSON'),
  ).action(async (file: string, options: CompareCliOptions) => {
    const sample = parseSample(options.sample);
    // OMAPI code is loaded only by the commands that speak it (start-up time).
    const { omapiConnectOptions } = await import('../../omapi/options.js');
    const connect = await omapiConnectOptions(options);
    const config = await loadConfigOption(options.config);
    const { compareLeaseFile, rangeAddressesOf } = await import('../../omapi/index.js');
    const report = await compareLeaseFile(file, {
      ...connect,
      ...(sample !== undefined ? { sample } : {}),
      ...(config ? { rangeAddresses: rangeAddressesOf(config.plan) } : {}),
    });
    io.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : render(io, report));
    setExit(report.agree && report.complete ? ExitCode.Ok : ExitCode.Problems);
  });
};
