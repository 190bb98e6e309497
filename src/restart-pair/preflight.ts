/**
 * The pre-flight: nothing is stopped unless both servers answer over OMAPI
 * with the key, each reports the role it was given, both see the peer
 * `normal` on both sides, and (with both dhcpd.conf files) `pair` finds the
 * failover blocks mirrored. Differing ranges force the secondary first, as
 * ISC advises for changed failover ranges.
 */
import { LeasecheckError } from '../errors.js';
import { RestartAbort } from './abort.js';
import type { EventLog } from './events.js';
import { describeView, isNormal } from './judge.js';
import type { RestartDeps, RestartPairOptions, Role } from './types.js';

const roles: Role[] = ['primary', 'secondary'];

export async function preflight(
  options: RestartPairOptions,
  deps: RestartDeps,
  log: EventLog,
): Promise<void> {
  const views = await Promise.all(roles.map((r) => deps.readFailover(options[r], options.peer)));
  roles.forEach((role, i) => {
    log.observe(role, views[i]!, true);
    log.emit({ event: 'preflight', server: role, view: views[i]! });
  });
  for (const role of roles) {
    const view = views[roles.indexOf(role)]!;
    const where = `${role} ${options[role].host}:${options[role].port}`;
    if (!view.answered) {
      throw new RestartAbort(
        'preflight',
        role,
        `${where} does not answer over OMAPI: ${view.error}`,
        view.keyRejected
          ? 'give the key dhcpd.conf names in omapi-key (--key NAME:SECRET or --key-file); nothing was stopped'
          : 'check that dhcpd runs there with omapi-port set to this port; nothing was stopped',
        8,
      );
    }
    if (!view.found) {
      throw new RestartAbort(
        'preflight',
        role,
        `${where} knows no failover peer ${JSON.stringify(options.peer)}`,
        'give the peer name of its `failover peer "NAME"` statement with --peer; nothing was stopped',
        4,
      );
    }
    if (view.role !== null && view.role !== role) {
      throw new RestartAbort(
        'preflight',
        role,
        `${where} reports itself as the ${view.role} of failover peer ${JSON.stringify(options.peer)}`,
        'swap --primary and --secondary (and their start commands); nothing was stopped',
        4,
      );
    }
  }
  for (const role of roles) {
    const view = views[roles.indexOf(role)];
    if (!isNormal(view)) {
      throw new RestartAbort(
        'preflight',
        role,
        `refusing to restart: ${role} ${options[role].host}:${options[role].port} sees failover peer ${JSON.stringify(options.peer)} as ${describeView(view)}, not normal on both sides`,
        'restart only a pair whose servers are both normal: bring the partner back first (or wait until they are normal), then run again; nothing was stopped',
        4,
      );
    }
  }
  await compareConfigs(options, deps, log);
}

async function compareConfigs(
  options: RestartPairOptions,
  deps: RestartDeps,
  log: EventLog,
): Promise<void> {
  const { primary, secondary } = options;
  if (primary.config === undefined || secondary.config === undefined) return;
  let report;
  try {
    report = await deps.compareConfigs(primary.config, secondary.config);
  } catch (error) {
    if (!(error instanceof LeasecheckError)) throw error;
    throw new RestartAbort(
      'preflight',
      null,
      `cannot compare the configurations: ${error.message}`,
      'fix the file (`leasecheck pair PRIMARY.conf SECONDARY.conf` shows where); nothing was stopped',
      8,
    );
  }
  const failover = report.findings.filter((f) => f.area === 'failover');
  if (failover.length > 0) {
    throw new RestartAbort(
      'preflight',
      null,
      `the failover peer blocks of ${primary.config} and ${secondary.config} do not mirror each other: ${failover.map((f) => f.message).join('; ')}`,
      `run \`leasecheck pair ${primary.config} ${secondary.config}\` and fix the differences; nothing was stopped`,
      4,
    );
  }
  if (report.rangesDiffer && options.primaryFirst) {
    throw new RestartAbort(
      'preflight',
      null,
      'the address ranges of the two configurations differ: ISC advises restarting the secondary first, and --primary-first asks the opposite',
      'run again without --primary-first; nothing was stopped',
      4,
    );
  }
  const ranges = new Set(['pool-ranges', 'pool-missing', 'subnet-missing']);
  for (const finding of report.findings) {
    if (finding.area === 'failover') continue;
    log.emit({
      event: 'warning',
      message: `${ranges.has(finding.code) ? 'ranges differ (the secondary goes first, as ISC advises)' : 'configurations differ'}: ${finding.message}`,
    });
  }
}
