// A workshop's seats and their sandboxes: ready seats started ahead of the class (seat-plan.ts
// says when), a seat handed to each learner who joins (a ready one, or a cold start), the same
// session given back on a rejoin from any device, every seat's time (the workshop's end plus
// the learner's own extension), and every sandbox removed when the workshop ends.
import type { CreatedSession } from '../../common/api.js';
import type { LearnerTerminal, SeatInfo } from '../../common/workshop-live.js';
import type { Db } from '../db/database.js';
import { message } from '../../common/messages.js';
import { PlaygroundError } from '../errors.js';
import { logger } from '../log.js';
import type { SessionEventHub } from '../sessions/event-hub.js';
import type { SessionService } from '../sessions/service.js';
import type { WarmKind, WarmStock } from '../sessions/warm-stock.js';
import { sealToken, unsealToken } from './seal.js';
import { seatPlan, type SeatPlan } from './seat-plan.js';
import { SeatStore, type SeatRow } from './seat-store.js';
import { endsAt, type Joined, type Workshop } from './service.js';
import { WorkshopStore } from './store.js';

const log = logger('workshops');

/** Starts are CPU-bound (about 0.45 s of machine time each): a few at a time, all workshops together. */
const SEAT_STARTS_AT_ONCE = 3;
/** A workshop runs at most two days in all, extensions included; one learner gets at most a day more. */
export const EXTENSION_LIMITS = { workshopMs: 2 * 24 * 60 * 60_000, learnerMs: 24 * 60 * 60_000 } as const;
const HOUR_MS = 60 * 60_000;
/** How often the seats are looked at (start times, refills, unclaimed seats, ends). */
const TICK_MS = 2_000;

export interface SeatingOptions {
  db: Db;
  sessions: SessionService;
  stock: WarmStock;
  events: SessionEventHub;
  /** The warm kind of a workshop's lessons (lessonsKind; free play when it has none). */
  kindOf(lessonIds: readonly string[]): WarmKind;
  leadMs: number;
  unclaimedMs: number;
  now?: () => number;
}

/** The pool a workshop's ready seats are labelled with. */
export const seatPool = (workshop: Pick<Workshop, 'id'>) => `workshop-${workshop.id}`;
/** The workshop of a seat pool, or null for another pool. */
const workshopOfPool = (pool: string): number | null => {
  const id = /^workshop-([1-9]\d{0,15})$/.exec(pool)?.[1];
  return id === undefined ? null : Number(id);
};

export class WorkshopSeats {
  private readonly seats: SeatStore;
  private readonly workshops: WorkshopStore;
  private readonly now: () => number;
  private timer?: NodeJS.Timeout;
  /** The trainer's terminals a seat may follow (live-terminals.ts; wired once it exists). */
  demoTerminals: (workshop: Workshop) => LearnerTerminal[] = () => [];
  /** A workshop's seats changed (one taken, one ready or gone): the trainer's view shows them. */
  changed: (workshopId: number) => void = () => undefined;

  constructor(private readonly o: SeatingOptions) {
    this.seats = new SeatStore(o.db);
    this.workshops = new WorkshopStore(o.db);
    this.now = o.now ?? Date.now;
  }

  /** Tells every seated learner's page its times (the event hub forgot them with the last server). */
  start(): void {
    for (const workshop of this.open()) this.republish(workshop);
    this.tick();
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Tells every seated learner's page its seat again (the trainer opened or closed a terminal). */
  republish(workshop: Workshop): void {
    for (const row of this.seats.seats(workshop.id)) this.publishSeat(workshop, row);
  }

  /** A warm session of `pool` became ready or went away: a refill, and the trainer hears it. */
  poolChanged(pool: string): void {
    this.tick();
    const id = workshopOfPool(pool);
    if (id !== null) this.changed(id);
  }

  /** Starts, refills or removes ready seats as each open workshop's plan says. */
  tick(): void {
    let room = SEAT_STARTS_AT_ONCE;
    const workshops = this.open();
    for (const workshop of workshops) room -= this.o.stock.starting(seatPool(workshop));
    for (const workshop of workshops) {
      const plan = this.plan(workshop);
      if (plan.drain && this.o.stock.count(seatPool(workshop)))
        void this.o.stock
          .drain(seatPool(workshop))
          .then(() => this.changed(workshop.id))
          .catch((err: Error) => log.warn(err.message));
      const started = this.startSeats(workshop, Math.min(plan.start, Math.max(0, room)));
      if (started > 0) this.changed(workshop.id);
      room -= started;
    }
  }

  private startSeats(workshop: Workshop, count: number): number {
    const kind = this.kindOf(workshop);
    for (let started = 0; started < count; started++) {
      try {
        this.o.stock.start(seatPool(workshop), kind, new Date(endsAt(workshop)));
      } catch (err) {
        // The machine-wide limits say no more now: fewer ready seats, and cold starts for the rest.
        log.info(`workshop ${workshop.code}: ${started} more ready seat(s); ${(err as Error).message}`);
        return started;
      }
    }
    return count;
  }

  /** What a seat of the workshop is started as: its lessons, its first shell in its language. */
  private kindOf(workshop: Workshop): WarmKind {
    return { ...this.o.kindOf(workshop.lessons), language: workshop.language };
  }

  /** Ready seats waiting for a learner (for the trainer's view). */
  readySeats(workshop: Workshop): number {
    return this.o.stock.count(seatPool(workshop));
  }

  /**
   * The session of a learner who joined: theirs from before (the resume token opens its
   * sealed token), else a ready seat, else a cold start; null before the seats open.
   */
  seat(workshop: Workshop, joined: Joined): CreatedSession | null {
    const row = this.seats.seat(workshop.id, joined.learner.id);
    if (!row) throw new PlaygroundError(message('seat-gone', {}), 404);
    const held = this.heldSession(row, joined.resumeToken);
    if (held) return held;
    if (!this.plan(workshop).open) return null;
    const kind = this.kindOf(workshop);
    const pool = seatPool(workshop);
    const expiresAt = new Date(this.seatEndsAt(workshop, row));
    const created =
      this.o.stock.claim(pool, kind.key, { client: pool, expiresAt, limited: false }) ??
      this.o.sessions.create(pool, {
        hosts: kind.hosts,
        ...(kind.lessonId ? { lessonId: kind.lessonId } : {}),
        exempt: true,
        expiresAt,
      });
    this.seats.assign(
      row.learnerId,
      created.session.id,
      sealToken(created.token, joined.resumeToken, row.learnerId),
    );
    this.publishSeat(workshop, { ...row, sessionId: created.session.id });
    this.changed(workshop.id);
    this.tick(); // a refill, while seats remain
    return created;
  }

  /** The learner's session from before, if it still runs. */
  private heldSession(row: SeatRow, resumeToken: string): CreatedSession | null {
    if (!row.sessionId || !row.sealedToken) return null;
    const token = unsealToken(row.sealedToken, resumeToken, row.learnerId);
    if (!token) return null;
    try {
      return { session: this.o.sessions.authorize(row.sessionId, token), token };
    } catch {
      return null; // ended (expired, or its sandbox failed and was reaped): a new one is given
    }
  }

  /**
   * Extends the whole workshop or one learner by `minutes`: their sessions' ends move, and
   * their pages hear the new times.
   */
  extend(workshop: Workshop, minutes: number, learnerId?: string): Workshop {
    const ms = minutes * 60_000;
    if (learnerId !== undefined) {
      const row = this.seats.seat(workshop.id, learnerId);
      if (!row) throw new PlaygroundError(message('learner-unknown', {}), 404);
      if (row.extendedMs + ms > EXTENSION_LIMITS.learnerMs)
        throw new PlaygroundError(
          message('extend-learner-max', { hours: EXTENSION_LIMITS.learnerMs / HOUR_MS }),
          409,
        );
      this.seats.extendLearner(learnerId, ms);
    } else {
      if (workshop.durationMs + ms > EXTENSION_LIMITS.workshopMs)
        throw new PlaygroundError(
          message('extend-workshop-max', { hours: EXTENSION_LIMITS.workshopMs / HOUR_MS }),
          409,
        );
      this.seats.extendWorkshop(workshop.id, ms);
    }
    const now = this.workshops.byId(workshop.id)!;
    for (const row of this.seats.seats(workshop.id)) {
      if (!row.sessionId || (learnerId !== undefined && row.learnerId !== learnerId)) continue;
      // An ended session stays ended: setExpiry changes only one the server holds.
      this.o.sessions.setExpiry(row.sessionId, new Date(this.seatEndsAt(now, row)));
      this.publishSeat(now, row);
    }
    return now;
  }

  /** Removes every sandbox of the workshop: learners', ready seats, the trainer's. Results stay. */
  async end(workshop: Workshop): Promise<void> {
    const sessions = this.seats.seats(workshop.id).flatMap((row) => (row.sessionId ? [row.sessionId] : []));
    const trainer = this.seats.trainerSessionId(workshop.id);
    if (trainer) sessions.push(trainer);
    await Promise.all([
      this.o.stock.drain(seatPool(workshop)),
      ...sessions.map((id) => this.o.sessions.terminate(id)),
    ]);
  }

  private seatEndsAt(workshop: Workshop, row: SeatRow): number {
    return endsAt(workshop) + row.extendedMs;
  }

  private publishSeat(workshop: Workshop, row: SeatRow): void {
    if (!row.sessionId || !this.o.sessions.has(row.sessionId)) return;
    const seat: SeatInfo = {
      code: workshop.code,
      title: workshop.title,
      startsAt: new Date(workshop.startsAt).toISOString(),
      endsAt: new Date(this.seatEndsAt(workshop, row)).toISOString(),
      name: row.name,
      seat: row.seat,
      lessons: workshop.lessons,
      demoTerminals: this.demoTerminals(workshop),
    };
    this.o.events.publish(row.sessionId, { type: 'workshop', seat });
  }

  private plan(workshop: Workshop): SeatPlan {
    return seatPlan({
      now: this.now(),
      startsAt: workshop.startsAt,
      endsAt: endsAt(workshop),
      ended: workshop.endedAt !== null,
      seats: workshop.seats,
      seated: this.seats.seatedCount(workshop.id),
      ready: this.o.stock.count(seatPool(workshop)),
      leadMs: this.o.leadMs,
      unclaimedMs: this.o.unclaimedMs,
    });
  }

  private open(): Workshop[] {
    return this.seats.openWorkshopIds(this.now()).flatMap((id) => this.workshops.byId(id) ?? []);
  }
}
