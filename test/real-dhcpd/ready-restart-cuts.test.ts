// `ready` on plain `dhcpd -d` stderr logs (no timestamps, no pids: the pid
// file ties the process to the log) of a real failover pair across a stop
// and a restart of the secondary, cut at every line. While the scenario
// runs, a recorder notes, every ~100 ms, how many lines each log has, the
// pid file, the process it names (/proc) and the failover state over OMAPI
// (the truth: the process runs and both sides are `normal`). Afterwards each
// cut is judged with the machine as it was when the cut was the whole log
// (the recorded pid file, process and log modification time, through
// `ready`'s probe). No cut may be ready when the truth was not; a cut that is
// not ready when the truth was must sit within a second of a change.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { OmapiConnection, getFailoverState, parseKeyOption } from '../../src/omapi/index.js';
import { checkReady } from '../../src/ready/index.js';
import { procProbe, type ProcessFacts, type ProcessProbe } from '../../src/ready/probe.js';
import {
  cleanupAfterEach,
  cleanupTempDir,
  delay,
  requireRealDhcpd,
  type DhcpdServer,
} from '../harness/index.js';
import { bridgeToNamespace, startPairWithOmapi, type LabKey } from '../omapi/omapi-lab.js';
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';

const gate = requireRealDhcpd();

interface Sample {
  at: number;
  lines: number;
  pidFile: number | null;
  process: ProcessFacts | null;
  /** Both normal on OMAPI before and after the log was read (false: no process; null: no answer). */
  before: boolean | null;
  after: boolean | null;
}

/** A server watched: its log's lines with the time each was first seen, and the samples. */
interface Watch {
  name: string;
  server: DhcpdServer;
  port: number;
  connection: OmapiConnection | null;
  arrived: number[];
  samples: Sample[];
}

/** Both sides normal over OMAPI: true or false as dhcpd answered, null when it did not answer. */
async function bothNormal(watch: Watch, key: LabKey, peer: string): Promise<boolean | null> {
  try {
    watch.connection ??= await OmapiConnection.connect({
      host: '127.0.0.1',
      port: watch.port,
      key: parseKeyOption(`${key.name}:${key.secret}`),
      timeoutMs: 1000,
    });
    const state = await getFailoverState(watch.connection, peer);
    return state?.['local-state'] === 'normal' && state['partner-state'] === 'normal';
  } catch {
    watch.connection?.close();
    watch.connection = null;
    return null;
  }
}

function lineCount(text: string): number {
  return text.split('\n').length - 1;
}

async function sample(watch: Watch, key: LabKey, peer: string): Promise<void> {
  const asked = await bothNormal(watch, key, peer);
  const pidFile = await procProbe.pidFile(watch.server.pidPath);
  const process = pidFile === null ? null : await procProbe.process(pidFile);
  const lines = lineCount(await watch.server.log());
  const at = Date.now();
  while (watch.arrived.length < lines) watch.arrived.push(at);
  const askedAgain = await bothNormal(watch, key, peer);
  // No process: certainly not ready. No answer from a running process (a
  // loaded machine, a connection being re-made): unknown, judged neither way.
  const truth = (answer: boolean | null): boolean | null => (process === null ? false : answer);
  watch.samples.push({
    at,
    lines,
    pidFile,
    process,
    before: truth(asked),
    after: truth(askedAgain),
  });
}

/** The machine as the recorder saw it at `s`, the log last written when its last line arrived. */
function probeAt(s: Sample, lastWrite: number): ProcessProbe {
  return {
    hostname: procProbe.hostname,
    pidFile: async () => s.pidFile,
    process: async (pid) => (pid === s.pidFile ? s.process : null),
    modified: async () => new Date(lastWrite),
  };
}

interface Judged {
  cut: number;
  /** Judged with --peer foo. */
  peer: boolean;
  at: number;
  ready: boolean;
  truthMay: boolean;
  truthSure: boolean;
}

/** Every cut of the watched log, judged at the first sample that saw it whole. */
async function judgeEveryCut(watch: Watch, dir: string): Promise<Judged[]> {
  const lines = (await watch.server.log()).split('\n').slice(0, watch.arrived.length);
  const cutFile = join(dir, `${watch.name}.log`);
  const judged: Judged[] = [];
  for (let cut = 1; cut <= lines.length; cut++) {
    // The samples during which this cut was the whole log (none in a burst: the one that first saw it).
    const seen = watch.samples.filter((s) => s.lines === cut);
    const first = watch.samples.find((s) => s.lines >= cut)!;
    await writeFile(cutFile, `${lines.slice(0, cut).join('\n')}\n`, 'latin1');
    for (const s of seen.length > 0 ? seen : [first]) {
      // Without --peer (the peers the log shows) and with --peer foo.
      for (const peers of [undefined, ['foo']]) {
        const report = await checkReady({
          logs: [cutFile],
          probe: probeAt(s, watch.arrived[cut - 1]!),
          ...(peers ? { peers } : {}),
        });
        judged.push({
          cut,
          at: s.at,
          peer: peers !== undefined,
          ready: report.ready,
          // Ready may have been true unless both readings said it was not.
          truthMay: s.before !== false || s.after !== false,
          truthSure: s.before === true && s.after === true,
        });
      }
    }
  }
  return judged;
}

/** Times at which something changed: a line arrived, or the truth flipped. */
function changes(watch: Watch): number[] {
  const times = [...watch.arrived];
  for (let i = 1; i < watch.samples.length; i++) {
    const [a, b] = [watch.samples[i - 1]!, watch.samples[i]!];
    if (a.after !== b.before || b.before !== b.after) times.push(b.at);
  }
  return times;
}

describe.skipIf(gate.skip)(
  'ready on plain dhcpd -d logs across a stop and a restart (real pair)',
  () => {
    const cleanup = cleanupAfterEach();

    it('the secondary stopped and restarted: at no cut of either log, with or without --peer, ready while the truth was not; not ready while it was only at a change', async () => {
      const lab = await startPairWithOmapi(cleanup);
      const dir = await cleanupTempDir(cleanup, 'ready-cuts');
      const watches: Watch[] = [];
      for (const [name, side] of [
        ['primary', lab.primary],
        ['secondary', lab.secondary],
      ] as const) {
        const port = await bridgeToNamespace(cleanup, side.host);
        watches.push({
          name,
          server: side.server,
          port,
          connection: null,
          arrived: [],
          samples: [],
        });
      }
      let recording = true;
      const recorder = (async () => {
        while (recording) {
          await Promise.all(watches.map((w) => sample(w, lab.key, lab.peer)));
          await delay(100);
        }
      })();
      try {
        await delay(1500);
        await lab.secondary.server.stop('SIGTERM');
        await delay(2500);
        await lab.secondary.server.start();
        for (const side of [lab.primary, lab.secondary]) {
          await side.server.waitForLog(/^failover peer foo: I move from \S+ to normal$/m, 60_000);
        }
        // Both back: until each has said ready again (balancing done) and a little after.
        await delay(4000);
      } finally {
        recording = false;
        await recorder;
        for (const w of watches) w.connection?.close();
      }
      for (const watch of watches) {
        const judged = await judgeEveryCut(watch, dir);
        const log = (await readFile(watch.server.logPath, 'latin1')).split('\n');
        const falseReady = judged.filter((j) => j.ready && !j.truthMay);
        expect(
          falseReady.map(
            (j) =>
              `${j.cut}${j.peer ? ' (--peer foo)' : ''}: ${log[j.cut - 1]} (sampled ${j.at - watch.samples[0]!.at} ms in; lines arrived at ${watch.arrived.map((t) => t - watch.samples[0]!.at).join(',')})`,
          ),
          `${watch.name}: ready while the pair was not both normal`,
        ).toEqual([]);
        const changed = changes(watch);
        const falseNotReady = judged.filter(
          (j) => !j.ready && j.truthSure && !changed.some((t) => Math.abs(t - j.at) <= 1000),
        );
        expect(
          falseNotReady.map((j) => `${j.cut}${j.peer ? ' (--peer foo)' : ''}: ${log[j.cut - 1]}`),
          `${watch.name}: not ready, away from any change, while the pair was both normal`,
        ).toEqual([]);
        // The scenario covered both: ready before the stop and after the restart, not ready between.
        expect(judged.some((j) => j.ready)).toBe(true);
        expect(judged.some((j) => !j.ready && !j.truthMay)).toBe(true);
        console.log(
          `${watch.name}: ${watch.arrived.length} lines, ${watch.samples.length} samples, ${judged.length} judgements, ready at ${judged.filter((j) => j.ready).length}`,
        );
      }
    }, 120_000);
  },
);
