// What a learner and the trainer do in a live class, beside the grid: a learner asks for
// help (or withdraws it), opens hints and moves between the workshop's lessons in the same
// sandbox; the trainer answers help, sends messages and
// pushes hints. Each change is kept in the database (class-store.ts), told to the learner's
// page as a session event and to the trainer's class views as a changed row. The HTTP
// handlers (live-api.ts) check who calls and how often.
import type { SessionEvent, StepProgress } from '../../../common/events.js';
import {
  HELP_TEXT_MAX,
  MESSAGE_TEXT_MAX,
  type HelpRequest,
  type MessageSent,
} from '../../../common/workshop-live.js';
import { message } from '../../../common/messages.js';
import { PlaygroundError } from '../../errors.js';
import type { LessonCatalogue } from '../../lessons/catalogue.js';
import type { SessionEventHub } from '../../sessions/event-hub.js';
import type { Workshop } from '../service.js';
import type { Classroom } from './classroom.js';
import type { SeatOf } from './class-store.js';
import { cleanLine } from './free-text.js';

export interface LiveActionsDeps {
  classroom: Classroom;
  events: Pick<SessionEventHub, 'publish'>;
  catalogue: Pick<LessonCatalogue, 'get'>;
  /** The lesson a session holds (SessionService.lessonOf). */
  lessonOf(sessionId: string): string | undefined;
  /** The session holds another lesson from now on (SessionService.setLesson). */
  setLesson(sessionId: string, lessonId: string): void;
  now?: () => number;
}

export class LiveActions {
  private readonly now: () => number;

  constructor(private readonly deps: LiveActionsDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** The seat a session holds in a running workshop, or a 409 saying why there is none. */
  seatOf(sessionId: string): SeatOf {
    const seat = this.deps.classroom.store.seatBySession(sessionId);
    if (!seat) throw new PlaygroundError(message('no-workshop-seat', {}), 409);
    if (seat.workshopEnded) throw new PlaygroundError(message('workshop-ended', {}), 409);
    return seat;
  }

  /**
   * A Check the learner asked for (POST /api/sessions/:id/check): one that did not pass
   * counts against its step, for a seat of a running workshop (any other session: nothing).
   */
  checked(sessionId: string, result: StepProgress): void {
    if (result.state === 'passed') return;
    const seat = this.deps.classroom.store.seatBySession(sessionId);
    const lessonId = this.deps.lessonOf(sessionId);
    if (!seat || seat.workshopEnded || !lessonId) return;
    this.deps.classroom.store.failedCheck({ learnerId: seat.id, lessonId, stepId: result.stepId });
    this.deps.classroom.changed(seat);
  }

  /** Asks for help, or changes the open request's text. */
  askHelp(sessionId: string, text: unknown): HelpRequest {
    const seat = this.seatOf(sessionId);
    const line = cleanLine(text, 'text', HELP_TEXT_MAX);
    const help = this.deps.classroom.store.askHelp(seat.id, line, this.now());
    const at = new Date(help.createdAt).toISOString();
    this.tell(sessionId, { type: 'help', open: { text: help.text, at } });
    this.deps.classroom.changed(seat);
    return { id: String(help.id), learnerId: seat.id, text: help.text, at };
  }

  /** Withdraws the learner's open request (nothing when none is open). */
  withdrawHelp(sessionId: string): void {
    const seat = this.seatOf(sessionId);
    if (!this.deps.classroom.store.closeHelp(seat.id, 'learner', this.now())) return;
    this.tell(sessionId, { type: 'help', open: null });
    this.deps.classroom.changed(seat);
  }

  /** The learner opened the next hint of a step of their lesson; counted up to its hints. */
  hintOpened(sessionId: string, stepId: unknown): void {
    const seat = this.seatOf(sessionId);
    const lessonId = this.deps.lessonOf(sessionId);
    const step = lessonId === undefined ? undefined : this.step(lessonId, stepId);
    if (!lessonId || !step) throw new PlaygroundError(message('step-unknown', { step: String(stepId) }), 404);
    const key = { learnerId: seat.id, lessonId, stepId: step.id };
    if (this.deps.classroom.store.hintOpened(key, step.hints.en.length)) this.deps.classroom.changed(seat);
  }

  /**
   * The learner moves on (or back) to another of the workshop's lessons in the same sandbox:
   * its checks follow the new lesson; each lesson's progress and grid cells stay.
   */
  moveLesson(sessionId: string, workshop: Workshop, lessonId: unknown): void {
    if (typeof lessonId !== 'string' || !workshop.lessons.includes(lessonId))
      throw new PlaygroundError(message('lesson-unknown', { id: String(lessonId).slice(0, 100) }), 404);
    if (this.deps.lessonOf(sessionId) !== lessonId) this.deps.setLesson(sessionId, lessonId);
  }

  /** The trainer answered help request `helpId` of their workshop. */
  resolveHelp(workshop: Workshop, helpId: string): void {
    const id = /^[1-9]\d{0,15}$/.test(helpId) ? Number(helpId) : 0;
    const learnerId = id ? this.deps.classroom.store.helpOwner(workshop.id, id) : null;
    if (!learnerId) throw new PlaygroundError(message('help-unknown', {}), 404);
    const seat = this.deps.classroom.store.seat(workshop.id, learnerId)!;
    const open = this.deps.classroom.store.openHelpOf(learnerId);
    if (open?.id !== id || !this.deps.classroom.store.closeHelp(learnerId, 'trainer', this.now())) return;
    if (seat.sessionId) this.tell(seat.sessionId, { type: 'help', open: null });
    this.deps.classroom.changed(seat);
  }

  /** A message to one learner of the workshop, or to every learner with a session. */
  sendMessage(workshop: Workshop, text: unknown, learnerId: unknown): MessageSent {
    if (workshop.endedAt !== null) throw new PlaygroundError(message('workshop-ended', {}), 409);
    const line = cleanLine(text, 'text', MESSAGE_TEXT_MAX, true);
    const to = learnerId === undefined || learnerId === null ? null : this.reachable(workshop, learnerId);
    const seats = to ? [to] : this.deps.classroom.store.seats(workshop.id);
    const at = this.now();
    const event: SessionEvent = {
      type: 'message',
      text: line,
      toEveryone: !to,
      at: new Date(at).toISOString(),
    };
    let delivered = 0;
    for (const seat of seats) {
      if (!seat.sessionId) continue;
      this.tell(seat.sessionId, event);
      delivered++;
    }
    this.deps.classroom.store.saveMessage(workshop.id, to?.id ?? null, line, at, delivered);
    return { delivered, at: new Date(at).toISOString() };
  }

  /** Opens a step's next hint on one learner's page. */
  pushHint(workshop: Workshop, learnerId: string, stepId: unknown): void {
    const seat = this.reachable(workshop, learnerId);
    const lessonId = workshop.lessons.find((id) => this.step(id, stepId)?.hints.en.length);
    if (!lessonId) throw new PlaygroundError(message('hint-step-unknown', { step: String(stepId) }), 404);
    this.tell(seat.sessionId!, { type: 'hint', stepId: String(stepId) });
  }

  /** A learner of the running workshop whose page can be told something. */
  private reachable(workshop: Workshop, learnerId: unknown): SeatOf {
    if (workshop.endedAt !== null) throw new PlaygroundError(message('workshop-ended', {}), 409);
    const seat =
      typeof learnerId === 'string' ? this.deps.classroom.store.seat(workshop.id, learnerId) : null;
    if (!seat) throw new PlaygroundError(message('learner-unknown', {}), 404);
    if (!seat.sessionId) throw new PlaygroundError(message('learner-no-session', { name: seat.name }), 409);
    return seat;
  }

  private step(lessonId: string, stepId: unknown) {
    if (typeof stepId !== 'string') throw new PlaygroundError('"stepId" must be a string.', 400);
    return this.deps.catalogue.get(lessonId)?.steps.find((s) => s.id === stepId);
  }

  private tell(sessionId: string, event: SessionEvent): void {
    this.deps.events.publish(sessionId, event);
  }
}
