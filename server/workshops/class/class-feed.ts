// Who follows each workshop's class (the trainer's sockets), and what they are sent: the
// whole class first, then a learner's row whenever it changes. Changes are gathered for a
// short while per workshop, so a learner pressing Check in a loop, or a class of 100
// finishing a step together, costs one grid build per THROTTLE_MS, not one per change.
// A learner turns 'slow' only as time passes: a sweep looks for that while anyone follows.
import type { ClassEvent, ClassState, StuckReason } from '../../../common/workshop-live.js';
import { message } from '../../../common/messages.js';
import { PlaygroundError } from '../../errors.js';

export interface ClassFeedOptions {
  /** Sockets one workshop may have open (the trainer's tabs, a projector, co-trainers). */
  maxPerWorkshop: number;
  /** Least time between two sends of changed rows to one workshop. */
  throttleMs: number;
  /** How often rows are looked at for a learner who turned slow. */
  sweepMs: number;
}

export const CLASS_FEED_DEFAULTS: ClassFeedOptions = { maxPerWorkshop: 8, throttleMs: 100, sweepMs: 15_000 };

type Send = (event: ClassEvent) => void;

interface Followed {
  subscribers: Set<Send>;
  dirty: Set<string>;
  timer: NodeJS.Timeout | null;
  lastFlush: number;
  /** What each learner's row last said of being stuck, as sent. */
  stuck: Map<string, StuckReason>;
  sweep: NodeJS.Timeout;
}

export class ClassFeed {
  private readonly followed = new Map<number, Followed>();

  constructor(
    /** The class now, or null when the workshop is gone; `first` for a new subscriber. */
    private readonly build: (workshopId: number, first: boolean) => ClassState | null,
    private readonly options: ClassFeedOptions = CLASS_FEED_DEFAULTS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Sends the class to `send` at once, then its changes; returns the unsubscribe. */
  subscribe(workshopId: number, send: Send): () => void {
    let followed = this.followed.get(workshopId);
    if (followed && followed.subscribers.size >= this.options.maxPerWorkshop)
      throw new PlaygroundError(message('class-views-max', { max: this.options.maxPerWorkshop }), 429);
    const state = this.build(workshopId, true);
    if (!state) throw new PlaygroundError(message('workshop-gone', {}), 404);
    if (!followed) this.followed.set(workshopId, (followed = this.follow(workshopId)));
    const group = followed;
    for (const l of state.learners) group.stuck.set(l.id, l.stuck);
    group.subscribers.add(send);
    send({ type: 'class', state });
    return () => {
      if (!group.subscribers.delete(send) || group.subscribers.size) return;
      clearInterval(group.sweep);
      if (group.timer) clearTimeout(group.timer);
      if (this.followed.get(workshopId) === group) this.followed.delete(workshopId);
    };
  }

  /** A learner's row may have changed: sent shortly (nothing when nobody follows). */
  learnerChanged(workshopId: number, learnerId: string): void {
    const group = this.followed.get(workshopId);
    if (!group) return;
    group.dirty.add(learnerId);
    if (group.timer) return;
    const wait = Math.max(0, group.lastFlush + this.options.throttleMs - this.now());
    group.timer = setTimeout(() => this.flush(workshopId, group), wait);
  }

  /** The workshop itself changed (its times, its ready seats). */
  workshopChanged(workshopId: number): void {
    const group = this.followed.get(workshopId);
    const state = group && this.build(workshopId, false);
    if (!group || !state) return;
    const event: ClassEvent = { type: 'workshop', workshop: state.workshop, readySeats: state.readySeats };
    for (const send of group.subscribers) send(event);
  }

  /** Stops every sweep and pending send (the sockets are closed by their server). */
  close(): void {
    for (const group of this.followed.values()) {
      clearInterval(group.sweep);
      if (group.timer) clearTimeout(group.timer);
    }
    this.followed.clear();
  }

  /** Workshops followed now (a census for leak tests). */
  get size(): number {
    return this.followed.size;
  }

  private follow(workshopId: number): Followed {
    const group: Followed = {
      subscribers: new Set(),
      dirty: new Set(),
      timer: null,
      lastFlush: 0,
      stuck: new Map(),
      sweep: setInterval(() => this.sweep(workshopId, group), this.options.sweepMs),
    };
    group.sweep.unref();
    return group;
  }

  private flush(workshopId: number, group: Followed): void {
    group.timer = null;
    group.lastFlush = this.now();
    const dirty = group.dirty;
    group.dirty = new Set();
    const state = this.build(workshopId, false);
    if (!state) return;
    for (const learner of state.learners) if (dirty.has(learner.id)) this.sendRow(group, state, learner.id);
  }

  /** Rows whose stuck flag changed with time alone. */
  private sweep(workshopId: number, group: Followed): void {
    const state = this.build(workshopId, false);
    if (!state) return;
    for (const learner of state.learners)
      if ((group.stuck.get(learner.id) ?? null) !== learner.stuck) this.sendRow(group, state, learner.id);
  }

  private sendRow(group: Followed, state: ClassState, learnerId: string): void {
    const learner = state.learners.find((l) => l.id === learnerId)!;
    group.stuck.set(learner.id, learner.stuck);
    const event: ClassEvent = { type: 'learner', learner, finished: state.finished };
    for (const send of group.subscribers) send(event);
  }
}
