// Whether there is room for one more session or sandbox: the playground's limits, the
// machine's and each client's, counted over the sessions the service holds. Kept apart from
// the service so the counting rules read in one place.
import type { Config } from '../config.js';
import { message } from '../../common/messages.js';
import { LearnerRefusal } from '../errors.js';
import type { MachineRoom, Session } from './session-state.js';

type Limits = Pick<Config, 'maxSessions' | 'maxSessionsPerClient' | 'maxSandboxes' | 'maxHostsPerSession'>;

export class Admission {
  constructor(
    private readonly sessions: () => Iterable<Session>,
    private readonly limits: Limits,
    private readonly machine?: MachineRoom,
  ) {}

  /** Sessions holding (or about to hold) a sandbox. */
  active(): Session[] {
    return [...this.sessions()].filter((s) => s.state === 'starting' || s.state === 'ready');
  }

  /** How many sessions and sandboxes (hosts) are in each state, for /metrics. */
  census(): { sessions: Record<string, number>; sandboxes: Record<string, number> } {
    const sessions = { starting: 0, ready: 0, failed: 0 };
    const sandboxes = { starting: 0, ready: 0, failed: 0 };
    for (const session of this.sessions()) {
      if (session.state !== 'ended') sessions[session.state]++;
      for (const host of session.hosts.values()) sandboxes[host.state]++;
    }
    return { sessions, sandboxes };
  }

  /** Room for one more session of `hosts` hosts, for `client` unless it is exempt. */
  ensureSessionRoom(client: string, hosts: number, clientLimited: boolean): void {
    const active = this.active();
    if (active.length >= this.limits.maxSessions) {
      throw new LearnerRefusal(
        message('playground-full-sessions', { used: active.length, max: this.limits.maxSessions }),
        503,
      );
    }
    if (clientLimited) this.ensureClientRoom(client);
    this.ensureRoomFor(hosts);
    if (hosts > this.limits.maxHostsPerSession) {
      throw new LearnerRefusal(
        message('lesson-needs-hosts', { hosts, max: this.limits.maxHostsPerSession }),
        503,
      );
    }
  }

  /** A client holds at most `maxSessionsPerClient` sessions (warm and workshop ones aside). */
  ensureClientRoom(client: string): void {
    const held = this.active().filter((s) => s.client === client && !s.pool && !s.exempt).length;
    if (held >= this.limits.maxSessionsPerClient) {
      throw new LearnerRefusal(
        message('sessions-per-client', { max: this.limits.maxSessionsPerClient }),
        429,
      );
    }
  }

  /** Sandboxes count against the machine's limit, whichever session they belong to. */
  ensureRoomFor(sandboxes: number): void {
    const running = this.active().reduce((n, s) => n + s.hosts.size, 0);
    if (running + sandboxes > this.limits.maxSandboxes) {
      throw new LearnerRefusal(
        message('playground-full-sandboxes', { used: running, max: this.limits.maxSandboxes }),
        503,
      );
    }
    const starting = this.active().reduce(
      (n, s) => n + [...s.hosts.values()].filter((h) => h.state === 'starting').length,
      0,
    );
    this.machine?.ensureRoom(sandboxes, starting);
  }
}
