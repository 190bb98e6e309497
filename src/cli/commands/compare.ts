import { LeasecheckError } from '../../errors.js';
import type { OmapiCliOptions } from '../../omapi/options.js';
import { ExitCode } from '../exit-codes.js';
import type { RegisterCommand } from './index.js';
import { loadConfigOption } from '../options.js';
import { renderCompareText } from '../render/compare-text.js';
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
    io.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderCompareText(io, report));
    setExit(report.agree && report.complete ? ExitCode.Ok : ExitCode.Problems);
  });
};
