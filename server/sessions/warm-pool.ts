// The general warm pool (PLAYGROUND_WARM_SANDBOXES): sessions started ahead for free play and
// for the lessons most recently asked for, so `POST /api/sessions` hands over one whose
// sandboxes already run. Warm sandboxes count against every limit like any other (they are
// sessions); when the machine is full, a warm session of another kind makes room for a learner.
import type { CreatedSession } from '../../common/api.js';
import { PlaygroundError } from '../errors.js';
import { logger } from '../log.js';
import { PRIMARY_HOST } from '../sandboxes/manager.js';
import type { CreateSessionOptions, SessionService } from './service.js';
import type { WarmKind, WarmStock } from './warm-stock.js';

const log = logger('warm');

/** The general pool's name in labels (a workshop's seats have pools of their own). */
export const GENERAL_POOL = 'warm';

/** Free play: one host, nothing to pull. */
export const FREE_PLAY: WarmKind = { key: '', hosts: [PRIMARY_HOST], images: [] };

/** Kinds remembered as wanted: the pool keeps ready at most these many kinds. */
const KINDS_REMEMBERED = 4;
/** How often the pool looks again (a start that failed, room freed by an ended session). */
const REFILL_INTERVAL_MS = 15_000;
/**
 * After a claim the refill waits this long: a sandbox starting takes both cores of a small
 * machine for seconds, and the learner who just claimed one is waiting for a first prompt
 * (on this machine a claim's prompt took about 0.45 s beside a refill; a new pane in a
 * session already running, with nothing starting, about 0.2 s).
 */
export const CLAIM_REFILL_DELAY_MS = 2_000;

/** A lesson as a warm kind. */
export function lessonKind(lesson: { id: string; hosts: string[]; images: string[] }): WarmKind {
  return { key: lesson.id, lessonId: lesson.id, hosts: lesson.hosts, images: lesson.images };
}

/**
 * A workshop's lessons as one warm kind: the first lesson's hosts (a seat starts there) with
 * every lesson's images pulled, since a learner moves on to the next lessons in the same sandbox.
 */
export function lessonsKind(lessons: readonly { id: string; hosts: string[]; images: string[] }[]): WarmKind {
  const [first] = lessons;
  if (!first) return FREE_PLAY;
  return { ...lessonKind(first), images: [...new Set(lessons.flatMap((l) => l.images))] };
}

/**
 * How many warm sessions of each kind `budget` sandboxes hold: one of each kind in the order
 * given (most recently wanted first), then round again, while the sandboxes fit.
 */
export function planWarm(budget: number, kinds: readonly WarmKind[]): Map<string, number> {
  const plan = new Map<string, number>(kinds.map((k) => [k.key, 0]));
  let left = budget;
  for (let placed = true; placed;) {
    placed = false;
    for (const kind of kinds) {
      if (kind.hosts.length > left) continue;
      plan.set(kind.key, plan.get(kind.key)! + 1);
      left -= kind.hosts.length;
      placed = true;
    }
  }
  return plan;
}

export interface WarmPoolOptions {
  /** Sandboxes to hold warm (PLAYGROUND_WARM_SANDBOXES); 0 turns the pool off. */
  size: number;
  /** A claimed session's lifetime (PLAYGROUND_SESSION_MINUTES). */
  sessionTtlMs: number;
  /** How long a refill waits after a claim (CLAIM_REFILL_DELAY_MS by default). */
  claimRefillDelayMs?: number;
  now?: () => number;
}

export class WarmPool {
  /** Kinds by how recently they were wanted, free play to begin with. */
  private wanted: WarmKind[] = [FREE_PLAY];
  private timer?: NodeJS.Timeout;
  private claimRefill?: NodeJS.Timeout;
  private refilling = false;

  constructor(
    private readonly sessions: SessionService,
    private readonly stock: WarmStock,
    private readonly options: WarmPoolOptions,
  ) {}

  /** Fills the pool now and keeps it filled. */
  start(): void {
    if (this.options.size <= 0) return;
    this.refill();
    this.timer = setInterval(() => this.refill(), REFILL_INTERVAL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    clearTimeout(this.claimRefill);
    await this.stock.drain(GENERAL_POOL);
  }

  /**
   * `POST /api/sessions`: a warm session of the kind asked for if one is held, else a cold
   * start (after shedding a warm session of another kind if the machine is full).
   */
  async create(client: string, kind: WarmKind, options: CreateSessionOptions): Promise<CreatedSession> {
    if (this.options.size <= 0) return this.sessions.create(client, options);
    this.want(kind);
    const now = this.options.now?.() ?? Date.now();
    const expiresAt = new Date(now + this.options.sessionTtlMs);
    let claimed = false;
    try {
      const warm = this.stock.claim(GENERAL_POOL, kind.key, { client, expiresAt, limited: true });
      claimed = warm !== null;
      if (warm) return warm;
      try {
        return this.sessions.create(client, options);
      } catch (err) {
        if (!(err instanceof PlaygroundError) || err.status !== 503 || !this.stock.count(GENERAL_POOL))
          throw err;
        await this.shedOne(kind.key);
        return this.sessions.create(client, options);
      }
    } finally {
      if (claimed) this.refillAfterClaim();
      else this.refill();
    }
  }

  private refillAfterClaim(): void {
    const delay = this.options.claimRefillDelayMs ?? CLAIM_REFILL_DELAY_MS;
    if (delay <= 0) return this.refill();
    if (this.claimRefill) return; // one is due already
    this.claimRefill = setTimeout(() => {
      this.claimRefill = undefined;
      this.refill();
    }, delay);
    this.claimRefill.unref();
  }

  /** Warm sandboxes held now (for /metrics). */
  get sandboxes(): number {
    return this.stock.sandboxes().get(GENERAL_POOL) ?? 0;
  }

  private want(kind: WarmKind): void {
    this.wanted = [kind, ...this.wanted.filter((k) => k.key !== kind.key)].slice(0, KINDS_REMEMBERED);
  }

  private async shedOne(except: string): Promise<void> {
    const held = this.stock.kinds(GENERAL_POOL).filter((k) => k !== except);
    // The kind wanted least recently (one no longer remembered first).
    const rank = (key: string) => {
      const i = this.wanted.findIndex((k) => k.key === key);
      return i < 0 ? Infinity : i;
    };
    const other = held.sort((a, b) => rank(b) - rank(a))[0];
    if (other !== undefined) await this.stock.shed(GENERAL_POOL, other, 1);
  }

  /** Brings each kind to its planned count: sheds surplus, starts what is missing while there is room. */
  refill(): void {
    if (this.options.size <= 0 || this.refilling) return;
    this.refilling = true;
    try {
      const plan = planWarm(this.options.size, this.wanted);
      for (const key of this.stock.kinds(GENERAL_POOL)) {
        const surplus = this.stock.count(GENERAL_POOL, key) - (plan.get(key) ?? 0);
        if (surplus > 0) void this.stock.shed(GENERAL_POOL, key, surplus);
      }
      for (const kind of this.wanted) {
        for (let n = this.stock.count(GENERAL_POOL, kind.key); n < (plan.get(kind.key) ?? 0); n++)
          this.stock.start(GENERAL_POOL, kind);
      }
    } catch (err) {
      // No room now (the machine or a limit): the next refill tries again.
      log.info(`warm pool not refilled: ${(err as Error).message}`);
    } finally {
      this.refilling = false;
    }
  }
}
