// The command around the steps: start commands run with sh and report their
// status and output; progress lines carry a time stamp; usage mistakes are
// exit 16 before anything is contacted; a server that does not answer is 8.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { renderEventLine, renderOutcomeText } from '../../src/cli/render/restart-pair-text.js';
import { readFailoverOverOmapi, runShellCommand } from '../../src/restart-pair/index.js';

function memoryIo(): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(text: string) {
      io.stdout += text;
    },
    outBytes(bytes: Uint8Array) {
      io.stdout += Buffer.from(bytes).toString('latin1');
    },
    err(text: string) {
      io.stderr += text;
    },
    colour: false,
    stderrIsTty: false,
  };
  return io;
}

const base = [
  'restart-pair',
  '--peer',
  'foo',
  '--primary',
  '127.0.0.1:1',
  '--secondary',
  '127.0.0.1:2',
  '--start-primary',
  'true',
  '--start-secondary',
  'true',
];

describe('start commands', () => {
  it('report exit status and output; a background daemon does not hold the command open', async () => {
    const ok = await runShellCommand('echo started; (sleep 30 >/dev/null 2>&1 &); exit 0', 10_000);
    expect(ok).toMatchObject({ code: 0, timedOut: false, output: 'started\n' });
    const failed = await runShellCommand('echo nope >&2; exit 3', 10_000);
    expect(failed).toMatchObject({ code: 3, output: 'nope\n' });
  });

  it('a command that outlives the timeout is killed and reported as timed out', async () => {
    const started = Date.now();
    const slow = await runShellCommand('exec sleep 30', 300);
    expect(slow.timedOut).toBe(true);
    expect(slow.code).toBe(null);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('reading a server over OMAPI', () => {
  it('a closed port is "refused" (the server is down), not a key problem', async () => {
    const view = await readFailoverOverOmapi(
      { role: 'secondary', host: '127.0.0.1', port: 1, start: 'true' },
      'foo',
      undefined,
      1000,
    );
    expect(view).toMatchObject({ answered: false, refused: true, keyRejected: false });
  });
});

describe('restart-pair command line', () => {
  it('progress lines start with an ISO time stamp', () => {
    const line = renderEventLine({
      time: '2026-12-06T12:00:00.000Z',
      event: 'state',
      server: 'primary',
      local: 'partner-down',
      partner: 'shutdown',
      answering: true,
    });
    expect(line).toBe(
      '2026-12-06T12:00:00.000Z restart-pair: primary failover state: partner-down, partner shutdown\n',
    );
  });

  it('the outcome says where it stopped, the states last seen, and what to do next', () => {
    const text = renderOutcomeText(
      {
        exitCode: 4,
        restarted: [],
        plan: null,
        abort: {
          time: '2026-12-06T12:00:00.000Z',
          event: 'abort',
          step: 'wait',
          server: 'secondary',
          reason:
            'secondary 10.0.0.3:7911 never answered over OMAPI within 15 s after its start command',
          advice: 'look at its log',
          seen: {
            primary: {
              answered: true,
              found: true,
              local: 'partner-down',
              partner: 'shutdown',
              role: 'primary',
            },
            secondary: {
              answered: false,
              refused: true,
              keyRejected: false,
              error: 'connection refused',
            },
          },
          restarted: [],
          exitCode: 4,
        },
      },
      memoryIo(),
    );
    expect(text).toBe(
      [
        'restart-pair stopped at wait of the secondary: secondary 10.0.0.3:7911 never answered over OMAPI within 15 s after its start command',
        '  last seen on the primary: partner-down, partner shutdown',
        '  last seen on the secondary: not answering (connection refused)',
        '  restarted: none',
        '  next: look at its log',
        '',
      ].join('\n'),
    );
  });

  it('usage mistakes are exit 16 with one line', async () => {
    for (const [args, pattern] of [
      [[...base, '--config-primary', 'a.conf'], /both --config-primary and --config-secondary/],
      [[...base, '--timeout', 'soon'], /--timeout "soon": expected a number of seconds/],
      [
        [...base.slice(0, 4), 'nohost:', ...base.slice(5)],
        /--primary "nohost:": expected HOST:PORT/,
      ],
      [[...base, '--key', 'nosecret'], /--key "nosecret": expected NAME:BASE64SECRET/],
    ] as const) {
      const io = memoryIo();
      expect(await runCli([...args], io)).toBe(16);
      expect(io.stderr).toMatch(pattern);
      expect(io.stderr.trim().split('\n')).toHaveLength(1);
    }
    const io = memoryIo();
    expect(
      await runCli(
        base.filter((a) => a !== '--peer' && a !== 'foo'),
        io,
      ),
    ).toBe(16);
  });

  it('servers that do not answer: exit 8, nothing run, where it stopped on stdout', async () => {
    const io = memoryIo();
    const code = await runCli([...base, '--omapi-timeout', '1'], io);
    expect(code).toBe(8);
    expect(io.stdout).toMatch(
      /restart-pair stopped at preflight of the primary: primary 127\.0\.0\.1:1 does not answer over OMAPI/,
    );
    expect(io.stdout).toMatch(/next: .*nothing was stopped/);
    expect(io.stderr).toMatch(/^\S+Z restart-pair: pre-flight: primary not answering/m);
  });

  it('--json prints one JSON object per line on stdout', async () => {
    const io = memoryIo();
    expect(await runCli([...base, '--json', '--omapi-timeout', '1'], io)).toBe(8);
    const events = io.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string });
    expect(events.map((e) => e.event)).toEqual(['preflight', 'preflight', 'abort']);
    expect(io.stderr).toBe('');
  });
});
