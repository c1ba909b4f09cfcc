// The live class of every workshop: records what the validator reports of each learner's
// steps (from the session event hub, whatever session a seat holds), builds the trainer's
// grid from the database (class-state.ts), and tells the trainer's sockets what changed
// (class-feed.ts). The learner's and trainer's actions are live-actions.ts.
import type { LessonProgress, SessionEvent } from '../../../common/events.js';
import type { ClassState, LearnerTerminal, TrainerPresence } from '../../../common/workshop-live.js';
import type { WorkshopInfo } from '../../../common/workshops.js';
import type { Db } from '../../db/database.js';
import type { LessonCatalogue } from '../../lessons/catalogue.js';
import { logger } from '../../log.js';
import type { SessionEventHub } from '../../sessions/event-hub.js';
import { endsAt, type Workshop, type WorkshopService } from '../service.js';
import { WorkshopStore } from '../store.js';
import { ClassFeed, CLASS_FEED_DEFAULTS, type ClassFeedOptions } from './class-feed.js';
import { buildClassState, type LiveSources, type PlannedStep } from './class-state.js';
import { ClassStore, type SeatOf } from './class-store.js';

const log = logger('workshops');

/** Until the parts that know them are wired: no terminals listed, nobody watching, no ready seats. */
export const NO_LIVE_SOURCES: LiveSources = {
  terminalsOf: (): LearnerTerminal[] => [],
  presenceOf: (): TrainerPresence => 'none',
  readySeats: () => 0,
};

export interface ClassroomDeps {
  db: Db;
  workshops: WorkshopService;
  catalogue: Pick<LessonCatalogue, 'get'>;
  events: SessionEventHub;
  /** The workshop as the API shows it (api.ts). */
  info(workshop: Workshop): WorkshopInfo;
  live?: LiveSources;
  feed?: ClassFeedOptions;
  now?: () => number;
}

export class Classroom {
  readonly store: ClassStore;
  readonly feed: ClassFeed;
  private readonly workshopStore: WorkshopStore;
  private readonly now: () => number;
  private untap: (() => void) | null = null;

  constructor(private readonly deps: ClassroomDeps) {
    this.store = new ClassStore(deps.db);
    this.workshopStore = new WorkshopStore(deps.db);
    this.now = deps.now ?? Date.now;
    this.feed = new ClassFeed(
      (id, first) => this.stateOf(id, first),
      deps.feed ?? CLASS_FEED_DEFAULTS,
      this.now,
    );
  }

  /** Follows every session's progress and pages. */
  start(): void {
    // Whatever goes wrong here stays here: the hub is publishing to the learner's page.
    const safely = (what: string, run: () => void) => {
      try {
        run();
      } catch (err) {
        log.warn(`live class: ${what}: ${(err as Error).message}`);
      }
    };
    this.untap ??= this.deps.events.tap({
      event: (sessionId, event) => safely('recording progress', () => this.sessionEvent(sessionId, event)),
      watchers: (sessionId, count) =>
        safely('a page came or went', () => this.pageCameOrWent(sessionId, count)),
    });
  }

  stop(): void {
    this.untap?.();
    this.untap = null;
    this.feed.close();
  }

  /**
   * The class grid of the workshop with this id, or null when there is none. `catchUp` first
   * records what the sessions' latest progress says (for a new class view).
   */
  stateOf(workshopId: number, catchUp = false): ClassState | null {
    const workshop = this.workshopStore.byId(workshopId);
    if (!workshop) return null;
    const live = this.deps.live ?? NO_LIVE_SOURCES;
    const seats = this.store.seats(workshopId);
    if (catchUp) for (const seat of seats) this.catchUp(seat);
    return buildClassState({
      workshop: this.deps.info(workshop),
      endsAt: endsAt(workshop),
      steps: this.steps(workshop),
      seats,
      records: this.store.records(workshopId),
      help: this.store.openHelp(workshopId),
      online: (sessionId) => this.deps.events.watchers(sessionId) > 0,
      terminalsOf: (sessionId) => live.terminalsOf(sessionId),
      presenceOf: (learnerId) => live.presenceOf(learnerId),
      readySeats: live.readySeats(workshopId),
      trainerSessionId: this.store.trainerSessionId(workshopId),
      now: this.now(),
    });
  }

  /** The steps of the workshop's lessons in order, titled in the workshop's language. */
  steps(workshop: Workshop): PlannedStep[] {
    return workshop.lessons.flatMap((lessonId) => {
      const lesson = this.deps.catalogue.get(lessonId);
      if (!lesson) return [];
      const expectedMs = lesson.minutes ? (lesson.minutes * 60_000) / lesson.steps.length : undefined;
      return lesson.steps.map((step) => ({
        lessonId,
        stepId: step.id,
        title: step.title[workshop.language],
        ...(expectedMs ? { expectedMs } : {}),
      }));
    });
  }

  /** A learner's row may have changed (their terminals, the trainer's presence): resent. */
  learnerChanged(learnerId: string): void {
    const row = this.deps.db
      .prepare<{ workshop_id: number }>('SELECT workshop_id FROM learners WHERE id = ?')
      .get(learnerId);
    if (row) this.feed.learnerChanged(row.workshop_id, learnerId);
  }

  /** The workshop's times or ready seats changed: its class views hear it. */
  workshopChanged(workshopId: number): void {
    this.feed.workshopChanged(workshopId);
  }

  /** Tells the class views of the seat's workshop that its row changed. */
  changed(seat: SeatOf | null): void {
    if (seat) this.feed.learnerChanged(seat.workshopId, seat.id);
  }

  /** A page of the session opened or closed its events socket: online changes. */
  private pageCameOrWent(sessionId: string, pages: number): void {
    const seat = this.store.seatBySession(sessionId);
    if (!seat) return;
    this.catchUp(seat);
    if (pages > 0) this.tellOpenHelp(sessionId, seat.id);
    this.changed(seat);
  }

  /**
   * A page that opens finds its open help request in the hub's snapshot, unless the server
   * restarted since it was asked: then it is told here (the hub starts empty).
   */
  private tellOpenHelp(sessionId: string, learnerId: string): void {
    if (this.deps.events.snapshot(sessionId).some((e) => e.type === 'help')) return;
    const help = this.store.openHelpOf(learnerId);
    if (help)
      this.deps.events.publish(sessionId, {
        type: 'help',
        open: { text: help.text, at: new Date(help.createdAt).toISOString() },
      });
  }

  private sessionEvent(sessionId: string, event: SessionEvent): void {
    if (event.type !== 'progress') return;
    const seat = this.store.seatBySession(sessionId);
    if (!seat || seat.workshopEnded) return;
    if (this.record(seat.id, event.progress)) this.changed(seat);
  }

  /**
   * What the session's latest progress says that the database does not know yet: progress
   * published before the seat was tied to its session, or while the server was down.
   */
  private catchUp(seat: SeatOf): void {
    if (!seat.sessionId || seat.workshopEnded) return;
    const progress = this.deps.events.snapshot(seat.sessionId).find(isProgress)?.progress;
    if (progress) this.record(seat.id, progress);
  }

  /** Records steps reached and passed; true when anything was new. */
  private record(learnerId: string, progress: LessonProgress): boolean {
    const now = this.now();
    const { lessonId } = progress;
    let changed = false;
    for (const stepId of progress.startedSteps ?? [])
      changed = this.store.reached({ learnerId, lessonId, stepId }, now) || changed;
    for (const step of progress.steps) {
      if (step.state !== 'passed') continue;
      const at = step.completedAt ? Date.parse(step.completedAt) : NaN;
      const key = { learnerId, lessonId, stepId: step.stepId };
      changed = this.store.completed(key, Number.isFinite(at) ? at : now) || changed;
    }
    return changed;
  }
}

const isProgress = (e: SessionEvent): e is Extract<SessionEvent, { type: 'progress' }> =>
  e.type === 'progress';
