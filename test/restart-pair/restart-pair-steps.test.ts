// The restart procedure's step logic against a simulated pair on a fake
// clock: the order of the steps, the refusals of the pre-flight, and that a
// failure stops everything before the second server is touched.
import { describe, expect, it } from 'vitest';
import { restartPair } from '../../src/restart-pair/index.js';
import type { RestartEvent } from '../../src/restart-pair/types.js';
import { FakePair, pairOptions } from './fake-pair.js';

async function run(fake: FakePair, extra: Parameters<typeof pairOptions>[0] = {}) {
  const events: RestartEvent[] = [];
  const outcome = await restartPair(pairOptions(extra), fake.deps(), (e) => events.push(e));
  return { outcome, events };
}

describe('restart-pair on a simulated pair', () => {
  it('restarts the secondary first, waits for normal, then the primary; exit 0', async () => {
    const fake = new FakePair();
    const { outcome, events } = await run(fake);
    expect(outcome.exitCode).toBe(0);
    expect(outcome.restarted).toEqual(['secondary', 'primary']);
    expect(fake.calls).toEqual([
      'shutdown secondary',
      'run start secondary',
      'shutdown primary',
      'run start primary',
    ]);
    expect(fake.servers.secondary.generation).toBe(1);
    expect(fake.servers.primary.generation).toBe(1);
    const steps = events
      .filter((e) => e.event === 'step')
      .map((e) => `${e.server} ${e.step} ${e.status}`);
    expect(steps).toEqual([
      'secondary stop begin',
      'secondary stop done',
      'secondary start begin',
      'secondary start done',
      'secondary wait begin',
      'secondary wait done',
      'primary stop begin',
      'primary stop done',
      'primary start begin',
      'primary start done',
      'primary wait begin',
      'primary wait done',
    ]);
    expect(events.at(-1)).toMatchObject({ event: 'finished', exitCode: 0 });
  });

  it('the primary is not shut down before both servers were seen normal after the secondary came back', async () => {
    const fake = new FakePair();
    const { events } = await run(fake);
    const shutdownPrimary = events.findIndex(
      (e) => e.event === 'step' && e.server === 'primary' && e.step === 'stop',
    );
    const states = events.slice(0, shutdownPrimary).filter((e) => e.event === 'state');
    const last = { primary: '', secondary: '' };
    for (const s of states) if (s.event === 'state') last[s.server] = `${s.local}/${s.partner}`;
    expect(last).toEqual({ primary: 'normal/normal', secondary: 'normal/normal' });
    // The partner did report the stopped secondary gone before its start command ran.
    expect(
      states.some(
        (s) => s.event === 'state' && s.server === 'primary' && s.local === 'partner-down',
      ),
    ).toBe(true);
  });

  it('reports each failover state once per change, with a time stamp from the clock', async () => {
    const fake = new FakePair();
    const { events } = await run(fake);
    const states = events.filter((e) => e.event === 'state');
    for (let i = 1; i < states.length; i++) {
      const [a, b] = [states[i - 1]!, states[i]!];
      if (a.event !== 'state' || b.event !== 'state' || a.server !== b.server) continue;
      expect(`${b.local}/${b.partner}/${b.answering}`).not.toBe(
        `${a.local}/${a.partner}/${a.answering}`,
      );
    }
    expect(states.length).toBeGreaterThan(3);
    for (const e of events) expect(e.time).toMatch(/^2026-12-06T12:\d\d:\d\d\.\d{3}Z$/);
  });

  it('--primary-first restarts the primary first', async () => {
    const fake = new FakePair();
    const { outcome } = await run(fake, { primaryFirst: true });
    expect(outcome.exitCode).toBe(0);
    expect(fake.calls).toEqual([
      'shutdown primary',
      'run start primary',
      'shutdown secondary',
      'run start secondary',
    ]);
  });

  it('--dry-run does the pre-flight, prints the plan and stops nothing', async () => {
    const fake = new FakePair();
    const { outcome, events } = await run(fake, { dryRun: true });
    expect(outcome.exitCode).toBe(0);
    expect(fake.calls).toEqual([]);
    expect(outcome.plan?.order).toEqual(['secondary', 'primary']);
    expect(outcome.plan?.steps).toHaveLength(6);
    expect(events.map((e) => e.event)).toEqual(['preflight', 'preflight', 'plan', 'finished']);
  });
});

describe('the pre-flight refuses, and nothing is stopped', () => {
  it('the partner already in communications-interrupted: exit 4', async () => {
    const fake = new FakePair();
    fake.servers.primary.local = 'communications-interrupted';
    fake.servers.secondary.local = 'communications-interrupted';
    const { outcome } = await run(fake);
    expect(outcome.exitCode).toBe(4);
    expect(outcome.abort?.step).toBe('preflight');
    expect(outcome.abort?.reason).toMatch(/communications-interrupted, partner normal, not normal/);
    expect(fake.calls).toEqual([]);
  });

  it('one side normal, the other still recovering: exit 4', async () => {
    const fake = new FakePair();
    fake.servers.secondary.local = 'recover';
    fake.servers.primary.partner = 'recover';
    const { outcome } = await run(fake);
    expect(outcome.exitCode).toBe(4);
    expect(fake.calls).toEqual([]);
  });

  it('a server that does not answer: exit 8', async () => {
    const fake = new FakePair();
    fake.servers.secondary.up = false;
    const { outcome } = await run(fake);
    expect(outcome.exitCode).toBe(8);
    expect(outcome.abort?.reason).toMatch(/secondary 10\.0\.0\.3:7911 does not answer over OMAPI/);
    expect(fake.calls).toEqual([]);
  });

  it('a key the server refuses: exit 8', async () => {
    const fake = new FakePair();
    fake.keyRejected.add('primary');
    const { outcome } = await run(fake);
    expect(outcome.exitCode).toBe(8);
    expect(outcome.abort?.advice).toMatch(/key/);
    expect(fake.calls).toEqual([]);
  });

  it('an unknown peer name: exit 4', async () => {
    const fake = new FakePair();
    const { outcome } = await run(fake, { peer: 'bar' });
    expect(outcome.exitCode).toBe(4);
    expect(outcome.abort?.reason).toMatch(/knows no failover peer "bar"/);
  });

  it('--primary and --secondary swapped: exit 4 (the secondary would not go first)', async () => {
    const fake = new FakePair();
    fake.servers.primary.role = 'secondary';
    fake.servers.secondary.role = 'primary';
    const { outcome } = await run(fake);
    expect(outcome.exitCode).toBe(4);
    expect(outcome.abort?.advice).toMatch(/swap --primary and --secondary/);
    expect(fake.calls).toEqual([]);
  });

  it('configurations whose failover blocks do not mirror: exit 4', async () => {
    const fake = new FakePair();
    fake.configs = {
      identical: false,
      rangesDiffer: false,
      findings: [{ area: 'failover', code: 'failover-port', message: 'ports differ' }],
    };
    const options = pairOptions();
    options.primary.config = 'a.conf';
    options.secondary.config = 'b.conf';
    const outcome = await restartPair(options, fake.deps());
    expect(outcome.exitCode).toBe(4);
    expect(outcome.abort?.reason).toMatch(/do not mirror each other: ports differ/);
    expect(fake.calls).toEqual(['compare configs']);
  });

  it('ranges that differ refuse --primary-first; without it the secondary goes first, with a warning', async () => {
    const differ = {
      identical: false,
      rangesDiffer: true,
      findings: [{ area: 'pool', code: 'pool-ranges', message: 'pool ranges differ' }],
    };
    const withConfigs = (extra: Parameters<typeof pairOptions>[0]) => {
      const options = pairOptions(extra);
      options.primary.config = 'a.conf';
      options.secondary.config = 'b.conf';
      return options;
    };
    const refused = new FakePair();
    refused.configs = differ;
    const first = await restartPair(withConfigs({ primaryFirst: true }), refused.deps());
    expect(first.exitCode).toBe(4);
    expect(first.abort?.reason).toMatch(/ISC advises restarting the secondary first/);
    expect(refused.calls).toEqual(['compare configs']);

    const fake = new FakePair();
    fake.configs = differ;
    const events: RestartEvent[] = [];
    const outcome = await restartPair(withConfigs({}), fake.deps(), (e) => events.push(e));
    expect(outcome.exitCode).toBe(0);
    expect(fake.calls[1]).toBe('shutdown secondary');
    expect(events.find((e) => e.event === 'warning')).toMatchObject({
      message: expect.stringMatching(/secondary goes first/),
    });
  });
});

describe('a failure stops at once and never touches the second server', () => {
  it("the secondary's start command fails: exit 8, the primary is never shut down", async () => {
    const fake = new FakePair();
    fake.start.secondary = 'command-fails';
    const { outcome, events } = await run(fake);
    expect(outcome.exitCode).toBe(8);
    expect(outcome.abort).toMatchObject({ step: 'start', server: 'secondary', restarted: [] });
    expect(outcome.abort?.reason).toMatch(/exited with status 3/);
    expect(fake.calls).toEqual(['shutdown secondary', 'run start secondary']);
    const command = events.find((e) => e.event === 'command');
    expect(command).toMatchObject({ result: { code: 3, output: 'Job failed.\n' } });
  });

  it('the secondary never answers after its start command: exit 4 once --timeout has passed', async () => {
    const fake = new FakePair();
    fake.start.secondary = 'never-answers';
    const startedAt = fake.t;
    const { outcome } = await run(fake, { timeoutMs: 20_000 });
    expect(outcome.exitCode).toBe(4);
    expect(outcome.abort).toMatchObject({ step: 'wait', server: 'secondary' });
    expect(outcome.abort?.reason).toMatch(/never answered over OMAPI within 20 s/);
    expect(outcome.abort?.advice).toMatch(/exiting\./);
    expect(fake.calls).toEqual(['shutdown secondary', 'run start secondary']);
    // Stop (a few seconds) + start + the 20 s wait, not the default 300 s.
    expect(fake.t - startedAt).toBeLessThan(30_000);
    expect(fake.t - startedAt).toBeGreaterThanOrEqual(20_000);
  });

  it('the pair does not return to normal in time: exit 4 with the states seen', async () => {
    const fake = new FakePair();
    fake.start.secondary = 'stays-recover';
    const { outcome } = await run(fake, { timeoutMs: 15_000 });
    expect(outcome.exitCode).toBe(4);
    expect(outcome.abort?.reason).toMatch(/did not return to normal within 15 s/);
    expect(outcome.abort?.seen.secondary).toMatchObject({ answered: true, local: 'recover' });
    expect(fake.calls).toEqual(['shutdown secondary', 'run start secondary']);
  });

  it('a server that keeps answering after the shutdown: exit 4, its start command is not run', async () => {
    const fake = new FakePair();
    fake.ignoresShutdown.add('secondary');
    const { outcome } = await run(fake, { timeoutMs: 10_000 });
    expect(outcome.exitCode).toBe(4);
    expect(outcome.abort).toMatchObject({ step: 'stop', server: 'secondary' });
    expect(fake.calls).toEqual(['shutdown secondary']);
  });

  it('the primary fails after the secondary was restarted: restarted lists the secondary', async () => {
    const fake = new FakePair();
    fake.start.primary = 'command-fails';
    const { outcome } = await run(fake);
    expect(outcome.exitCode).toBe(8);
    expect(outcome.restarted).toEqual(['secondary']);
    expect(outcome.abort?.restarted).toEqual(['secondary']);
  });
});
