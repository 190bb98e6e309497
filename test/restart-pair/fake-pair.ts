// A simulated failover pair behind RestartDeps, on a fake clock: sleep()
// advances time at once, so a five-minute timeout takes milliseconds. The
// servers behave as dhcpd 4.4.3-P1 did in the real-dhcpd tests: after an
// OMAPI shutdown the listener closes, then the partner moves to
// partner-down (partner state shutdown); a started server answers again
// and, a little later, both are normal.
import { LeasecheckError } from '../../src/errors.js';
import type {
  CommandResult,
  ConfigComparison,
  FailoverView,
  RestartDeps,
  RestartPairOptions,
  Role,
  ServerTarget,
} from '../../src/restart-pair/types.js';

export type StartBehaviour = 'comes-back' | 'command-fails' | 'never-answers' | 'stays-recover';

interface SimServer {
  up: boolean;
  local: string;
  partner: string;
  role: Role;
  stoppingAt: number | null;
  startedAt: number | null;
  /** How many times it was (re)started. */
  generation: number;
}

export class FakePair {
  t = Date.parse('2026-12-06T12:00:00Z');
  readonly calls: string[] = [];
  readonly servers: Record<Role, SimServer> = {
    primary: this.sim('primary'),
    secondary: this.sim('secondary'),
  };
  start: Record<Role, StartBehaviour> = { primary: 'comes-back', secondary: 'comes-back' };
  /** Milliseconds from the shutdown to the closed listener, and to the partner's partner-down. */
  stopMs = 2000;
  /** Milliseconds from the start command to normal on both. */
  recoverMs = 4000;
  /** A server that ignores the shutdown. */
  ignoresShutdown = new Set<Role>();
  keyRejected = new Set<Role>();
  configs: ConfigComparison = { identical: true, rangesDiffer: false, findings: [] };

  private sim(role: Role): SimServer {
    return {
      up: true,
      local: 'normal',
      partner: 'normal',
      role,
      stoppingAt: null,
      startedAt: null,
      generation: 0,
    };
  }

  private other(role: Role): Role {
    return role === 'primary' ? 'secondary' : 'primary';
  }

  /** Moves the simulation to the current time. */
  private advance(): void {
    for (const role of ['primary', 'secondary'] as Role[]) {
      const s = this.servers[role];
      const p = this.servers[this.other(role)];
      if (s.stoppingAt !== null && this.t >= s.stoppingAt + this.stopMs) {
        s.up = false;
        s.stoppingAt = null;
        if (p.up) Object.assign(p, { local: 'partner-down', partner: 'shutdown' });
      }
      if (s.startedAt !== null && this.start[role] !== 'never-answers') {
        if (this.t >= s.startedAt + 500) {
          s.up = true;
          if (this.start[role] === 'stays-recover' || this.t < s.startedAt + this.recoverMs) {
            Object.assign(s, { local: 'recover', partner: p.local });
            p.partner = 'recover';
          } else {
            Object.assign(s, { local: 'normal', partner: 'normal' });
            Object.assign(p, { local: 'normal', partner: 'normal' });
            s.startedAt = null;
          }
        }
      }
    }
  }

  deps(): RestartDeps {
    return {
      readFailover: async (server: ServerTarget, peer: string): Promise<FailoverView> => {
        this.advance();
        this.t += 10;
        const s = this.servers[server.role];
        if (this.keyRejected.has(server.role)) {
          return {
            answered: false,
            refused: false,
            keyRejected: true,
            error: 'dhcpd rejected the signature of key "k"',
          };
        }
        if (!s.up) {
          return {
            answered: false,
            refused: true,
            keyRejected: false,
            error: 'connection refused',
          };
        }
        return {
          answered: true,
          found: peer === 'foo',
          local: peer === 'foo' ? s.local : null,
          partner: peer === 'foo' ? s.partner : null,
          role: peer === 'foo' ? s.role : null,
        };
      },
      shutdown: async (server) => {
        this.calls.push(`shutdown ${server.role}`);
        const s = this.servers[server.role];
        if (!s.up) throw new LeasecheckError('connection refused');
        if (!this.ignoresShutdown.has(server.role)) s.stoppingAt = this.t;
      },
      runCommand: async (command: string): Promise<CommandResult> => {
        this.calls.push(`run ${command}`);
        const role: Role = command.includes('primary') ? 'primary' : 'secondary';
        this.t += 300;
        if (this.start[role] === 'command-fails') {
          return { code: 3, signal: null, timedOut: false, output: 'Job failed.\n' };
        }
        const s = this.servers[role];
        s.startedAt = this.t;
        s.generation += 1;
        return { code: 0, signal: null, timedOut: false, output: '' };
      },
      now: () => this.t,
      sleep: async (ms) => {
        this.t += ms;
      },
      compareConfigs: async () => {
        this.calls.push('compare configs');
        return this.configs;
      },
    };
  }
}

export function pairOptions(extra: Partial<RestartPairOptions> = {}): RestartPairOptions {
  return {
    peer: 'foo',
    primary: { role: 'primary', host: '10.0.0.1', port: 7911, start: 'start primary' },
    secondary: { role: 'secondary', host: '10.0.0.3', port: 7911, start: 'start secondary' },
    timeoutMs: 300_000,
    ...extra,
  };
}
