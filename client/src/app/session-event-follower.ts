// The session's events socket, open while the page shows a live session: each event goes
// where it belongs (the session's state back to the controller; progress, a step's command,
// notices and workshop events to the page), and the ports each host publishes are kept here.
// Apart from the session controller, which keeps to the session's own life.
import type { SessionView } from '../../../common/api';
import type { LessonProgress, PublishedPort, SessionEvent } from '../../../common/events';
import type { Command } from '../../../common/lesson';
import { SessionEvents, type SessionEventsOptions } from '../sessions/session-events';
import { RanSteps } from './ran-steps';

/** A live session's id and key. */
export interface SessionKey {
  id: string;
  token: string;
}

/** What the page does with a session's events. */
export interface SessionEventHandlers {
  /** From the events socket: lesson progress, a step's command to type (once per session), a notice. */
  onProgress(progress: LessonProgress): void;
  onStepCommand(command: Command): void;
  onNotice(level: string, message: string): void;
  /** A workshop seat's events (the trainer's presence, the seat's info), for the page to show. */
  onWorkshopEvent?(event: SessionEvent): void;
  /** Opens the events socket (tests pass a stand-in). */
  connectEvents?(options: SessionEventsOptions): { dispose(): void };
  /** Which steps' commands already ran (tests pass one on their own storage). */
  ranSteps?: RanSteps;
}

/** What the follower tells the session controller. */
export interface FollowerHost {
  /** The session the controller follows now: events of another are not listened to. */
  live(): SessionKey | null;
  /** The session changed (ready, ended, failed). */
  session(session: SessionView): void;
  /** The socket was told the session is gone. */
  gone(reason: string): void;
  /** Something the page shows changed (the ports). */
  changed(): void;
}

export class SessionEventFollower {
  private events: { dispose(): void } | null = null;
  private published: Record<string, PublishedPort[]> = {};
  private readonly ranSteps: RanSteps;

  constructor(
    private readonly handlers: SessionEventHandlers,
    private readonly host: FollowerHost,
  ) {
    this.ranSteps = handlers.ranSteps ?? new RanSteps();
  }

  /** Ports published on each host, as the events socket reports them. */
  get ports(): Record<string, PublishedPort[]> {
    return this.published;
  }

  forgetPorts(): void {
    this.published = {};
  }

  /** Opens the socket for the live session, unless one is open already. */
  open(): void {
    const key = this.host.live();
    if (!key || this.events) return;
    const connect = this.handlers.connectEvents ?? ((options) => new SessionEvents(options));
    this.events = connect({
      sessionId: key.id,
      token: key.token,
      onEvent: (event) => {
        if (this.host.live() === key) this.onEvent(key, event);
      },
      onGone: (reason) => {
        if (this.host.live() === key) this.host.gone(reason);
      },
    });
  }

  close(): void {
    this.events?.dispose();
    this.events = null;
  }

  private onEvent(key: SessionKey, event: SessionEvent): void {
    switch (event.type) {
      case 'session':
        // Ready (a host came up), or ended and failed: the page shows that at once.
        if (event.session.state !== 'starting') this.host.session(event.session);
        break;
      case 'ports':
        this.published = { ...this.published, [event.host]: event.ports };
        this.host.changed();
        break;
      case 'progress':
        this.handlers.onProgress(event.progress);
        break;
      case 'exec':
        if (this.ranSteps.markRan(key.id, event.stepId)) this.handlers.onStepCommand(event.command);
        break;
      case 'notice':
        this.handlers.onNotice(event.level, event.message);
        break;
      case 'trainer':
      case 'workshop':
        this.handlers.onWorkshopEvent?.(event);
        break;
    }
  }
}
