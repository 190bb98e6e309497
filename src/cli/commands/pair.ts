import { ExitCode } from '../exit-codes.js';
import type { RegisterCommand } from './index.js';
import { renderPairText } from '../render/pair-text.js';

export const registerPair: RegisterCommand = (program, io, setExit) => {
  program
    .command('pair')
    .description(
      "compare two failover peers' dhcpd.conf files: failover blocks mirrored, address plans (subnets, pools, ranges, permits) identical in meaning",
    )
    .argument('<primary>', "the primary server's dhcpd.conf")
    .argument('<secondary>', "the secondary server's dhcpd.conf")
    .option('--json', 'print the report as JSON')
    .action(async (primary: string, secondary: string, options: { json?: boolean }) => {
      const { pairConfigs } = await import('../../pair/index.js');
      const report = await pairConfigs(primary, secondary);
      io.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderPairText(io, report));
      setExit(report.identical ? ExitCode.Ok : ExitCode.Problems);
    });
};
