// A learner's workshop beside their lesson: what the session events socket says of the seat
// (its times, the trainer's messages, a pushed hint, the help request), and the learner's
// own calls (ask for help, withdraw it, report a hint opened). It listens on the page's one
// events socket by wrapping how the session controller opens it.
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { LessonProgress, SessionEvent } from '../../../common/events';
import type { SeatInfo } from '../../../common/workshop-live';
import { SessionEvents, type SessionEventsOptions } from '../sessions/session-events';
import { timeLeft } from './class-model';
import { browserStorage, TokenStore } from '../sessions/token-store';
import { lessonPlace } from './lesson-place';
import type { TrainerMessage } from './workshop-bar';
import './workshop-bar';
import type { WorkshopApi } from './workshop-api';
import { SeatStore, resumeUrl } from './workshop-storage';

export interface WorkshopSeatOptions {
  api: WorkshopApi;
  /** The trainer pushed a step's next hint. */
  onHint(stepId: string): void;
  /** Said once per seat when its last minutes begin, and when an action fails. */
  onNotice(level: string, message: string): void;
  words(): { endsSoon: (time: string) => string };
  formatLeft(ms: number): string | null;
  /** A lesson's title in the page's language. */
  lessonTitle(lessonId: string): string;
  /** The seat's sandbox follows another lesson now: open its page. */
  onMoved(lessonId: string): void;
}

/** The lesson the page shows, and its progress, for the way to the workshop's other lessons. */
export interface ShownLesson {
  lessonId: string | undefined;
  progress: LessonProgress | null | undefined;
}

/** Most messages kept on screen; older ones give way. */
const MAX_MESSAGES = 5;

export class WorkshopSeat {
  seat: SeatInfo | null = null;
  messages: TrainerMessage[] = [];
  help: { text: string; at: string } | null = null;
  busy = false;
  private key: { id: string; token: string } | null = null;
  /** Messages the learner dismissed (by time and text): a reconnect's snapshot does not bring them back. */
  private readonly dismissed = new Set<string>();
  private warned = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: WorkshopSeatOptions,
  ) {}

  /** The session this seat belongs to, when a workshop event has named it. */
  get sessionId(): string | null {
    return this.seat ? (this.key?.id ?? null) : null;
  }

  /** Opens the page's events socket, hearing its workshop events too. */
  follow(options: SessionEventsOptions): { dispose(): void } {
    if (this.key?.id !== options.sessionId) this.reset();
    this.key = { id: options.sessionId, token: options.token };
    return new SessionEvents({
      ...options,
      onEvent: (event) => {
        options.onEvent(event);
        this.accept(event);
      },
    });
  }

  accept(event: SessionEvent): void {
    switch (event.type) {
      case 'workshop':
        this.seat = event.seat;
        break;
      case 'message': {
        const id = `${event.at}|${event.text}`;
        if (this.dismissed.has(id) || this.messages.some((m) => `${m.at}|${m.text}` === id)) return;
        this.messages = [
          ...this.messages,
          { text: event.text, toEveryone: event.toEveryone, at: event.at },
        ].slice(-MAX_MESSAGES);
        break;
      }
      case 'hint':
        this.opts.onHint(event.stepId);
        return;
      case 'help':
        this.help = event.open;
        break;
      default:
        return;
    }
    this.host.requestUpdate();
  }

  /** The workshop bar, while the page shows this seat's session (sessionId). */
  render(sessionId: string | undefined, now: number, shown?: ShownLesson): TemplateResult | typeof nothing {
    const seat = this.seat;
    if (!seat || !sessionId || sessionId !== this.key?.id) return nothing;
    const kept = new SeatStore(browserStorage()).get(seat.code);
    return html`<workshop-bar
      .seat=${seat}
      .messages=${this.messages}
      .help=${this.help}
      .busy=${this.busy}
      .now=${now}
      .resumeLink=${kept ? resumeUrl(location.origin, seat.code, kept.resumeToken) : ''}
      .actions=${this.actions}
      .place=${lessonPlace(seat.lessons ?? [], shown?.lessonId, shown?.progress ?? null)}
      .titleOf=${this.opts.lessonTitle}
    ></workshop-bar>`;
  }

  private readonly actions = {
    askHelp: (text: string) => void this.askHelp(text),
    withdrawHelp: () => void this.withdrawHelp(),
    dismiss: (message: TrainerMessage) => this.dismiss(message),
    moveLesson: (lessonId: string) => void this.moveLesson(lessonId),
  };

  /** The seat's sandbox moves to another of the workshop's lessons; the page then opens it. */
  async moveLesson(lessonId: string): Promise<void> {
    const k = this.key;
    if (!k || this.busy) return;
    this.busy = true;
    this.host.requestUpdate();
    try {
      await this.opts.api.moveLesson(k.id, k.token, { lessonId });
      // The kept sandbox is for the new lesson now: opening its page resumes it, asks nothing.
      const store = new TokenStore(browserStorage());
      const kept = store.current();
      if (kept?.id === k.id) store.save({ ...kept, lessonId });
      this.opts.onMoved(lessonId);
    } catch (err) {
      this.opts.onNotice('error', err instanceof Error ? err.message : String(err));
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  dismiss(message: TrainerMessage): void {
    this.dismissed.add(`${message.at}|${message.text}`);
    this.messages = this.messages.filter((m) => m !== message);
    this.host.requestUpdate();
  }

  /** Warns once when the seat's last minutes begin (the page's clock calls this). */
  tick(now: number): void {
    if (!this.seat) return;
    const left = timeLeft(this.seat.endsAt, now);
    if (!left.warn) {
      if (left.ms > 0) this.warned = false;
      return;
    }
    if (this.warned) return;
    this.warned = true;
    this.opts.onNotice('warning', this.opts.words().endsSoon(this.opts.formatLeft(left.ms) ?? ''));
  }

  askHelp(text: string): Promise<void> {
    return this.call((k) => this.opts.api.askHelp(k.id, k.token, text ? { text } : {}), {
      text,
      at: new Date().toISOString(),
    });
  }

  withdrawHelp(): Promise<void> {
    return this.call((k) => this.opts.api.withdrawHelp(k.id, k.token), null);
  }

  /** The learner opened a hint: the trainer's grid counts it. */
  hintOpened(stepId: string): void {
    const k = this.key;
    if (!this.seat || !k) return;
    this.opts.api.hintOpened(k.id, k.token, { stepId }).catch(() => undefined);
  }

  private async call(
    request: (key: { id: string; token: string }) => Promise<void>,
    help: { text: string; at: string } | null,
  ): Promise<void> {
    const k = this.key;
    if (!k || this.busy) return;
    this.busy = true;
    this.host.requestUpdate();
    try {
      await request(k);
      // The events socket confirms; until it does, the page shows what was asked.
      this.help = help;
    } catch (err) {
      this.opts.onNotice('error', err instanceof Error ? err.message : String(err));
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  private reset(): void {
    this.seat = null;
    this.messages = [];
    this.help = null;
    this.warned = false;
  }
}
