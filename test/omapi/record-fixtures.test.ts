// Records the OMAPI fixtures in test/fixtures/omapi/: the real omshell talking
// to the real dhcpd through a recording proxy, one JSON file per scenario.
// Opt-in (it rewrites checked-in files): OMAPI_RECORD=1 npx vitest run test/omapi/record-fixtures.test.ts
import { mkdir, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanupAfterAll, missingPrerequisite, repoRoot, tool } from '../harness/index.js';
import {
  captureOmshell,
  generateKey,
  startPairWithOmapi,
  startSingleServer,
  type Chunk,
  type LabKey,
} from './omapi-lab.js';

const recording = process.env.OMAPI_RECORD === '1';
const missing = missingPrerequisite(['omshell']);
const skipReason = !recording
  ? 'set OMAPI_RECORD=1 to re-record the omshell/dhcpd fixtures'
  : (missing ?? '');
if (skipReason !== '') console.warn(`[omapi fixtures] not recording: ${skipReason}`);

const fixtureDir = join(repoRoot, 'test/fixtures/omapi');

export interface OmapiFixture {
  scenario: string;
  description: string;
  dhcpd: string;
  key: LabKey;
  /** The key omshell used, when it differs from the server's. */
  clientKey: LabKey;
  commands: string[];
  omshellOutput: string;
  chunks: Chunk[];
}

function dhcpdVersion(): string {
  try {
    return execFileSync(tool('dhcpd'), ['--version'], { encoding: 'latin1', stdio: 'pipe' }).trim();
  } catch (error) {
    return ((error as { stderr?: string }).stderr ?? '').trim();
  }
}

async function save(fixture: OmapiFixture): Promise<void> {
  await mkdir(fixtureDir, { recursive: true });
  await writeFile(
    join(fixtureDir, `${fixture.scenario}.json`),
    `${JSON.stringify(fixture, null, 1)}\n`,
  );
}

describe.skipIf(skipReason !== '')('recording omshell ↔ dhcpd OMAPI sessions', () => {
  const cleanup = cleanupAfterAll();

  it('records lease, host, error and shutdown sessions with one server', async () => {
    const lab = await startSingleServer(cleanup);
    const version = dhcpdVersion();
    const scenarios: {
      scenario: string;
      description: string;
      clientKey: LabKey;
      commands: string[];
    }[] = [
      {
        scenario: 'lease-active',
        description: 'open a whole active lease by ip-address',
        clientKey: lab.key,
        commands: ['new lease', 'set ip-address = 10.0.1.5', 'open'],
      },
      {
        scenario: 'lease-partial',
        description:
          'open the lease dhcpd loaded from a declaration cut after `binding state active;`',
        clientKey: lab.key,
        commands: ['new lease', 'set ip-address = 10.0.1.6', 'open'],
      },
      {
        scenario: 'lease-unknown',
        description: 'open a lease for an address dhcpd does not have',
        clientKey: lab.key,
        commands: ['new lease', 'set ip-address = 10.0.9.9', 'open'],
      },
      {
        scenario: 'host',
        description: 'open a host declared in dhcpd.conf by name',
        clientKey: lab.key,
        commands: ['new host', 'set name = "fixed1"', 'open'],
      },
      {
        scenario: 'wrong-secret',
        description: 'the right key name with another secret',
        clientKey: { name: lab.key.name, secret: generateKey().secret },
        commands: ['new lease', 'set ip-address = 10.0.1.5', 'open'],
      },
      {
        scenario: 'unknown-key',
        description: 'a key name dhcpd does not know',
        clientKey: { name: 'otherkey', secret: lab.key.secret },
        commands: ['new lease', 'set ip-address = 10.0.1.5', 'open'],
      },
      {
        scenario: 'control-shutdown',
        description:
          'graceful shutdown: new control; open; set state = 2; update (dhcpd sends no reply)',
        clientKey: lab.key,
        commands: ['new control', 'open', 'set state = 2', 'update'],
      },
    ];
    for (const s of scenarios) {
      const { output, chunks } = await captureOmshell(cleanup, lab.host, s.clientKey, s.commands);
      expect(chunks.length).toBeGreaterThan(1);
      await save({ ...s, dhcpd: version, key: lab.key, omshellOutput: output, chunks });
    }
  });

  it('records failover-state sessions with a failover pair in normal', async () => {
    const pair = await startPairWithOmapi(cleanup);
    const version = dhcpdVersion();
    for (const [role, side] of [
      ['primary', pair.primary],
      ['secondary', pair.secondary],
    ] as const) {
      const commands = ['new failover-state', `set name = "${pair.peer}"`, 'open'];
      const { output, chunks } = await captureOmshell(cleanup, side.host, pair.key, commands);
      expect(output).toMatch(/local-state = 00:00:00:02/);
      await save({
        scenario: `failover-state-${role}`,
        description: `open failover-state "${pair.peer}" on the ${role} of a pair in normal`,
        dhcpd: version,
        key: pair.key,
        clientKey: pair.key,
        commands,
        omshellOutput: output,
        chunks,
      });
    }
  });
});
