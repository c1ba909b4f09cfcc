// The terminals of a workshop, live: the trainer watches a learner's terminal read-only (and
// types in it once the learner allows), learners follow the trainer's own terminals
// read-only, and each learner's page hears what the trainer is doing (TrainerPresence). The
// sockets are terminal-protocol watchers (terminals/watch-socket.ts); who may open them is
// checked here: the trainer key of the learner's own workshop, or the session token of a
// learner seated in the workshop. The class view reads `terminalsOf` and `presenceOf`.
import type { WebSocket } from 'ws';
import type { CreatedSession } from '../../common/api.js';
import { CloseCode } from '../../common/protocol.js';
import type { LearnerTerminal, TrainerPresence } from '../../common/workshop-live.js';
import { message } from '../../common/messages.js';
import { PlaygroundError } from '../errors.js';
import { SocketQuota } from '../http/socket-quota.js';
import type { SessionEventHub } from '../sessions/event-hub.js';
import type { SessionService } from '../sessions/service.js';
import type { TerminalRegistry } from '../terminals/registry.js';
import { serveWatcher } from '../terminals/watch-socket.js';
import type { Learner, Workshop, WorkshopService } from './service.js';
import { TrainerPresenceBoard, type PresenceAnswer } from './trainer-presence.js';
import { trainerSession } from './trainer-session.js';

/**
 * Watch sockets one workshop's trainer key may hold: a trainer's page shows a few learners'
 * terminals at once; each socket costs a screen snapshot and up to its send buffer limit.
 */
export const MAX_WATCH_SOCKETS_PER_WORKSHOP = 32;
/** Sockets following the trainer's demo one learner's session may hold (a pane or two, a reload). */
export const MAX_DEMO_SOCKETS_PER_SESSION = 4;

export interface LiveTerminalsDeps {
  workshops: WorkshopService;
  sessions: SessionService;
  terminals: TerminalRegistry;
  events: SessionEventHub;
  /** The sandbox hosts a lesson needs (undefined for an unknown lesson). */
  lessonHosts(lessonId: string): string[] | undefined;
}

/** What changed, for the class view and the learners' seat info. */
export type LiveTerminalsChange =
  | { kind: 'terminals'; sessionId: string }
  /** The trainer's own terminals changed: the learners' SeatInfo.demoTerminals with them. */
  | { kind: 'demo'; workshop: Workshop; terminals: LearnerTerminal[] }
  | { kind: 'presence'; learnerId: string; presence: TrainerPresence };

export class WorkshopTerminals {
  private readonly presence: TrainerPresenceBoard;
  /** Where each learner with a presence hears of it (their seat's session). */
  private readonly sessionOf = new Map<string, string>();
  private readonly watchSockets = new SocketQuota(
    MAX_WATCH_SOCKETS_PER_WORKSHOP,
    'watch sockets',
    'This workshop',
  );
  private readonly demoSockets = new SocketQuota(MAX_DEMO_SOCKETS_PER_SESSION, 'demo sockets');
  private readonly listeners: ((change: LiveTerminalsChange) => void)[] = [];

  constructor(private readonly deps: LiveTerminalsDeps) {
    this.presence = new TrainerPresenceBoard(
      (learnerId, presence) => this.presenceChanged(learnerId, presence),
      CloseCode.WatchStopped,
    );
    deps.terminals.onPanesChanged((sessionId) => this.panesChanged(sessionId));
  }

  /** The terminals open in a session (a learner's row, or the trainer's demo). */
  terminalsOf(sessionId: string | null): LearnerTerminal[] {
    return sessionId ? this.deps.terminals.openPanes(sessionId) : [];
  }

  presenceOf(learnerId: string): TrainerPresence {
    return this.presence.presenceOf(learnerId);
  }

  /** The trainer's terminals a learner of this workshop may follow (SeatInfo.demoTerminals). */
  demoTerminals(workshop: Workshop): LearnerTerminal[] {
    return this.terminalsOf(this.deps.workshops.trainerSession(workshop));
  }

  /** Calls `listener` when a session's terminals or a learner's presence change. */
  onChange(listener: (change: LiveTerminalsChange) => void): void {
    this.listeners.push(listener);
  }

  /**
   * The seat whose session `token` opens, in the live workshop `code`. An unknown code and a
   * token of no seat there get the same 403, so this tells nobody which codes are live.
   */
  authorizeSeat(code: string, token: string | undefined): { workshop: Workshop; learner: Learner } {
    if (!token) throw new PlaygroundError(message('session-token-needed', {}), 401);
    const workshop = this.deps.workshops.byCode(code);
    const learner = workshop && this.deps.workshops.learners(workshop).find((l) => this.opens(l, token));
    if (!workshop || !learner) throw new PlaygroundError(message('seat-not-here', {}), 403);
    return { workshop, learner };
  }

  /** WS watchTerminalPath: the trainer watches one of a learner's terminals. */
  watch(ws: WebSocket, code: string, learnerId: string, paneId: string, key: string | undefined): void {
    const workshop = this.deps.workshops.authorizeTrainer(code, key);
    const learner = this.learnerIn(workshop, learnerId);
    if (!learner.sessionId) throw new PlaygroundError(message('learner-no-sandbox', {}), 404);
    const release = this.watchSockets.take(`workshop:${workshop.id}`);
    this.sessionOf.set(learner.id, learner.sessionId);
    const served = serveWatcher(ws, {
      sessionId: learner.sessionId,
      paneId,
      registry: this.deps.terminals,
      mayType: () => this.presence.mayType(learner.id),
      refusal: 'The learner has not let you type. Ask to type first.',
    });
    if (!served) return release();
    const closed = this.presence.watchOpened(learner.id, served);
    ws.once('close', () => {
      release();
      closed();
    });
  }

  /** WS demoTerminalPath: a seated learner follows one of the trainer's terminals, read-only. */
  demo(ws: WebSocket, code: string, paneId: string, token: string | undefined): void {
    const { workshop, learner } = this.authorizeSeat(code, token);
    const trainer = this.deps.workshops.trainerSession(workshop);
    if (!trainer) throw new PlaygroundError(message('no-demo-terminal', {}), 404);
    const release = this.demoSockets.take(learner.sessionId!);
    const served = serveWatcher(ws, {
      sessionId: trainer,
      paneId,
      registry: this.deps.terminals,
      mayType: () => false,
      refusal: 'This is the trainer’s terminal: you can follow it, not type in it.',
    });
    if (!served) return release();
    ws.once('close', release);
  }

  /** POST /api/workshops/:code/learners/:id/control (trainer key): ask to type, or give it back. */
  requestControl(code: string, key: string | undefined, learnerId: string, want: boolean): TrainerPresence {
    const learner = this.learnerIn(this.deps.workshops.authorizeTrainer(code, key), learnerId);
    if (learner.sessionId) this.sessionOf.set(learner.id, learner.sessionId);
    return this.presence.requestControl(learner.id, want);
  }

  /** POST /api/sessions/:id/trainer (session token): the learner allows, declines or stops. */
  answer(sessionId: string, answer: PresenceAnswer): TrainerPresence {
    const seat = this.deps.workshops.seatOf(sessionId);
    if (!seat) throw new PlaygroundError(message('no-workshop-seat', {}), 404);
    this.sessionOf.set(seat.learner.id, sessionId);
    return this.presence.answer(seat.learner.id, answer);
  }

  /** POST /api/workshops/:code/trainer-session (trainer key): the trainer's own session. */
  trainerSession(code: string, key: string | undefined): CreatedSession & { created: boolean } {
    const workshop = this.deps.workshops.authorizeTrainer(code, key);
    return trainerSession(this.deps, workshop, key!);
  }

  private learnerIn(workshop: Workshop, learnerId: string): Learner {
    const learner = this.deps.workshops.learners(workshop).find((l) => l.id === learnerId);
    if (!learner) throw new PlaygroundError(message('learner-unknown', {}), 404);
    return learner;
  }

  private opens(learner: Learner, token: string): boolean {
    if (!learner.sessionId || !this.deps.sessions.has(learner.sessionId)) return false;
    try {
      this.deps.sessions.authorize(learner.sessionId, token);
      return true;
    } catch {
      return false;
    }
  }

  private presenceChanged(learnerId: string, presence: TrainerPresence): void {
    const sessionId = this.sessionOf.get(learnerId);
    // An ended session's events are forgotten; publishing would bring them back.
    if (sessionId && this.deps.sessions.has(sessionId))
      this.deps.events.publish(sessionId, { type: 'trainer', presence });
    if (presence === 'none') this.sessionOf.delete(learnerId);
    this.tell({ kind: 'presence', learnerId, presence });
  }

  private panesChanged(sessionId: string): void {
    this.tell({ kind: 'terminals', sessionId });
    const workshop = this.deps.workshops.workshopOfTrainerSession(sessionId);
    if (workshop) this.tell({ kind: 'demo', workshop, terminals: this.terminalsOf(sessionId) });
  }

  private tell(change: LiveTerminalsChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
