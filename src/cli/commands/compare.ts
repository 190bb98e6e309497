import { LeasecheckError } from '../../errors.js';
import type { OmapiCliOptions } from '../../omapi/options.js';
import type { CompareReport } from '../../omapi/types.js';
import { ExitCode } from '../exit-codes.js';
import { paint, type CliIo } from '../io.js';
import type { RegisterCommand } from './index.js';
import { addOmapiOptions } from './omapi.js';

interface CompareCliOptions extends OmapiCliOptions {
  sample?: string;
  json?: boolean;
}

function parseSample(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new LeasecheckError(`--sample ${JSON.stringify(text)}: expected a positive number`, 16);
  }
  return Number(text);
}

function render(io: CliIo, report: CompareReport): string {
  const lines: string[] = [];
  const plural = (n: number): string => `${n} address${n === 1 ? '' : 'es'}`;
  const scope =
    report.compared === report.addresses
      ? plural(report.compared)
      : `${report.compared} of ${plural(report.addresses)} (the latest written)`;
  const differing = new Set(report.differences.map((d) => d.address)).size;
  lines.push(
    report.agree
      ? `${report.file}: ${paint(io, 'green', 'agrees')} with dhcpd at ${report.server} (${scope})`
      : `${report.file}: ${paint(io, 'red', `${differing} address${differing === 1 ? '' : 'es'} differ`)} from dhcpd at ${report.server} (${scope})`,
  );
  for (const d of report.differences) {
    const detail =
      d.field === 'presence'
        ? `the file has a ${d.file} lease (line ${d.line}); dhcpd has none`
        : `${d.field}: file ${d.file ?? '(none)'} (line ${d.line}), dhcpd ${d.server ?? '(none)'}`;
    lines.push(`  ${d.address}  ${detail}`);
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
      .option('--sample <n>', 'compare only the N addresses written last in the file')
      .option('--json', 'print the report as JSON'),
  ).action(async (file: string, options: CompareCliOptions) => {
    const sample = parseSample(options.sample);
    // OMAPI code is loaded only by the commands that speak it (start-up time).
    const { omapiConnectOptions } = await import('../../omapi/options.js');
    const connect = await omapiConnectOptions(options);
    const { compareLeaseFile } = await import('../../omapi/index.js');
    const report = await compareLeaseFile(file, {
      ...connect,
      ...(sample !== undefined ? { sample } : {}),
    });
    io.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : render(io, report));
    setExit(report.agree ? ExitCode.Ok : ExitCode.Problems);
  });
};
