// Who may create a workshop, and how much of the machine its seats may hold. A workshop's
// seats start sandboxes ahead of the class, and joins take them without the per-address
// limit (a classroom shares one address), so without these bounds one request could hold
// every sandbox of a public playground. docs/security.md ("Creating workshops") has the why.
import { message } from '../../common/messages.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { PlaygroundError } from '../errors.js';
import { hashToken, tokenMatches } from '../sessions/tokens.js';
import type { NewWorkshop, Workshop } from './service.js';
import { WorkshopStore } from './store.js';

/**
 * Bounds on a workshop created without the operator's key (none is set): a few workshops
 * planned or running per address (a trainer's day), each at most a working day long.
 */
export const OPEN_CREATION = { livePerClient: 3, maxMinutes: 8 * 60 } as const;

export interface CreationSettings {
  /** PLAYGROUND_WORKSHOP_KEY: when set, creating needs it, and the open bounds do not apply. */
  key?: string | undefined;
  /** PLAYGROUND_MAX_SESSIONS and PLAYGROUND_MAX_SANDBOXES: the machine's limits. */
  maxSessions: number;
  maxSandboxes: number;
  /** PLAYGROUND_WORKSHOP_SHARE_PERCENT: the share of those limits all workshops' seats may hold at once. */
  sharePercent: number;
  /** How long before its start a workshop's seats start sandboxes: they are held from then. */
  leadMs: number;
}

/** A workshop's seats as the budget counts them: each seat is one session of `perSeat` sandboxes. */
export interface SeatLoad {
  seats: number;
  perSeat: number;
}

/** Sessions and sandboxes all workshops' seats may hold at once; the rest is free play's. */
export function workshopBudget(s: CreationSettings): { sessions: number; sandboxes: number } {
  return {
    sessions: Math.floor((s.maxSessions * s.sharePercent) / 100),
    sandboxes: Math.floor((s.maxSandboxes * s.sharePercent) / 100),
  };
}

/** How many seats of `perSeat` sandboxes fit in `budget` beside the workshops `held`. */
export function seatsThatFit(
  budget: { sessions: number; sandboxes: number },
  held: readonly SeatLoad[],
  perSeat: number,
): number {
  const sessions = held.reduce((sum, w) => sum + w.seats, 0);
  const sandboxes = held.reduce((sum, w) => sum + w.seats * w.perSeat, 0);
  const fit = Math.min(budget.sessions - sessions, Math.floor((budget.sandboxes - sandboxes) / perSeat));
  return Math.max(0, fit);
}

export class CreationPolicy {
  private readonly store: WorkshopStore;
  private readonly keyHash: string | undefined;

  constructor(
    db: Db,
    private readonly settings: CreationSettings,
    /** Sandboxes one seat of these lessons runs (its lessons' most hosts; 1 for free play). */
    private readonly sandboxesPerSeat: (lessons: readonly string[]) => number,
    private readonly now: () => number = Date.now,
  ) {
    this.store = new WorkshopStore(db);
    this.keyHash = settings.key ? hashToken(settings.key) : undefined;
  }

  /** Creating needs the operator's workshop key (the create page shows a field for it). */
  get keyRequired(): boolean {
    return this.keyHash !== undefined;
  }

  /**
   * Refuses the workshop `client` asks for, with a message saying what would be let in, or
   * returns. Synchronous, and followed by the insert without a pause: two requests cannot
   * both take the last seats.
   */
  admit(request: NewWorkshop, client: string, key: string | undefined): void {
    if (this.keyHash) {
      if (!key) throw new PlaygroundError(message('workshop-key-needed', {}), 401);
      if (!tokenMatches(key, this.keyHash)) throw new PlaygroundError(message('workshop-key-wrong', {}), 403);
    } else {
      this.openBounds(request, client);
    }
    this.seatBudget(request);
  }

  private openBounds(request: NewWorkshop, client: string): void {
    const hours = OPEN_CREATION.maxMinutes / 60;
    if (request.durationMs > OPEN_CREATION.maxMinutes * 60_000)
      throw new PlaygroundError(message('workshop-too-long', { hours }), 400);
    const max = OPEN_CREATION.livePerClient;
    if (this.store.liveCountOf(client, this.now()) >= max)
      throw new PlaygroundError(message('workshops-per-client', { max }), 429);
  }

  /** The seats must fit beside every workshop whose sandboxes run at any time this one's do. */
  private seatBudget(request: NewWorkshop): void {
    const { leadMs } = this.settings;
    const from = Math.max(this.now(), request.startsAt - leadMs);
    const to = request.startsAt + request.durationMs + leadMs;
    const held = this.store.liveDuring(from, to).map((w: Workshop) => ({
      seats: w.seats,
      perSeat: this.perSeat(w.lessons),
    }));
    const fit = seatsThatFit(workshopBudget(this.settings), held, this.perSeat(request.lessons));
    if (request.seats > fit)
      throw new PlaygroundError(message('workshop-seats-fit', { seats: request.seats, fit }), 409);
  }

  private perSeat(lessons: readonly string[]): number {
    return Math.max(1, this.sandboxesPerSeat(lessons));
  }
}

/** The policy the settings ask for; `hostsOf` says how many hosts a lesson runs (undefined: unknown). */
export function creationPolicy(
  db: Db,
  config: Config,
  hostsOf: (lessonId: string) => number | undefined,
): CreationPolicy {
  const settings: CreationSettings = {
    key: config.workshopKey,
    maxSessions: config.maxSessions,
    maxSandboxes: config.maxSandboxes,
    sharePercent: config.workshopSharePercent,
    leadMs: config.seatsLeadMs,
  };
  return new CreationPolicy(db, settings, (lessons) => Math.max(1, ...lessons.map((id) => hostsOf(id) ?? 1)));
}
