// The live side of a workshop: what the trainer's page receives over its socket (the class
// grid, help requests), what the trainer may do over HTTP (messages, hints, time, watching a
// learner's terminal), and what a learner's page receives over its session events socket.
// Every path here is reached with the trainer key (`Authorization: Bearer` on HTTP, the token
// subprotocol on WebSockets), except the learner's own routes, which take the session token.
import type { WorkshopInfo } from './workshops.js';

/** Subprotocol of the trainer's class socket (beside the token subprotocol carrying the key). */
export const CLASS_SUBPROTOCOL = 'playground.class.v1';

/** WS: the class grid, live. Trainer key. Server to browser only. */
export const classSocketPath = (code: string) => `/api/workshops/${code}/live`;

/**
 * WS: one learner's terminal, for the trainer: it speaks the terminal protocol
 * (common/protocol.ts, TERMINAL_SUBPROTOCOL). The current screen comes first, then the live
 * output; input and resizes are refused unless the learner has let the trainer type.
 * Trainer key.
 */
export const watchTerminalPath = (code: string, learnerId: string, paneId: string) =>
  `/api/workshops/${code}/learners/${learnerId}/terminals/${paneId}`;

/**
 * WS: one of the trainer's own terminals, read-only, for a learner of the workshop who
 * follows the trainer's demo ("follow the trainer"). Terminal protocol; input always refused.
 * The learner's session token (a session that holds a seat of this workshop).
 */
export const demoTerminalPath = (code: string, paneId: string) => `/api/workshops/${code}/demo/${paneId}`;

/** A step of the workshop, in the order the class takes them (one column of the grid). */
export interface ClassStep {
  lessonId: string;
  stepId: string;
  /** In the workshop's language. */
  title: string;
}

/** Where one learner stands on one step. */
export type CellState = 'done' | 'current' | 'not-yet';

/** Why a learner is flagged stuck (null when they are not). */
export type StuckReason = 'slow' | 'failing' | null;

/** A terminal a learner has open, which the trainer can watch. */
export interface LearnerTerminal {
  paneId: string;
  host: string;
  title: string;
}

/** A learner's open help request. */
export interface HelpRequest {
  id: string;
  learnerId: string;
  /** The learner's optional line (at most HELP_TEXT_MAX characters). */
  text: string;
  /** ISO time. */
  at: string;
}

/** Most characters of a help request's line and of a trainer's message. */
export const HELP_TEXT_MAX = 200;
export const MESSAGE_TEXT_MAX = 500;

/** What the trainer does with a learner's terminals, as the learner sees it. */
export type TrainerPresence = 'none' | 'watching' | 'control-requested' | 'typing';

/** One row of the grid. */
export interface LearnerStatus {
  id: string;
  seat: number;
  name: string;
  /** A page of theirs has its session events socket open. */
  online: boolean;
  sessionId: string | null;
  /** Keyed by `${lessonId}/${stepId}` (see cellKey), every step of the workshop. */
  cells: Record<string, CellState>;
  /** cellKey of the step they are on, null when all are done or before a session. */
  currentStep: string | null;
  /** ISO time they reached the current step. */
  currentSince: string | null;
  /** Failed checks (a Check pressed and not passing, or a check run by the validator that failed after the learner asked). */
  failedChecks: number;
  hintsOpened: number;
  stuck: StuckReason;
  help: HelpRequest | null;
  terminals: LearnerTerminal[];
  presence: TrainerPresence;
  /** ISO time their seat ends (the workshop's end plus their own extension). */
  endsAt: string;
}

export const cellKey = (lessonId: string, stepId: string) => `${lessonId}/${stepId}`;

/** The whole class, sent first on the class socket. */
export interface ClassState {
  workshop: WorkshopInfo;
  steps: ClassStep[];
  /** Stuck learners first, then by seat. */
  learners: LearnerStatus[];
  /** How many learners have finished each step, by cellKey. */
  finished: Record<string, number>;
  /** Seats started and waiting for a learner. */
  readySeats: number;
  /** The trainer's own session (its terminals are the demo learners can follow). */
  trainerSessionId: string | null;
}

/** Messages on the class socket: one UTF-8 JSON text frame each. */
export type ClassEvent =
  | { type: 'class'; state: ClassState }
  | { type: 'learner'; learner: LearnerStatus; finished: Record<string, number> }
  | { type: 'workshop'; workshop: WorkshopInfo; readySeats: number };

/** Body of POST /api/workshops/:code/messages (trainer key): to everyone, or to one learner. */
export interface TrainerMessageRequest {
  text: string;
  learnerId?: string;
}

/** Body of POST /api/workshops/:code/learners/:id/hint (trainer key): push a step's next hint. */
export interface PushHintRequest {
  stepId: string;
}

/** Body of POST /api/workshops/:code/extend (trainer key): the workshop, or one learner. */
export interface ExtendRequest {
  minutes: number;
  learnerId?: string;
}

/**
 * POST /api/workshops/:code/learners/:id/control (trainer key): ask to type in the learner's
 * terminals ({ want: true }) or give it back ({ want: false }).
 */
export interface ControlRequest {
  want: boolean;
}

/** GET /api/workshops/:code/results?format=csv|json (trainer key): one row per learner and step. */
export interface ResultRow {
  learner: string;
  seat: number;
  lessonId: string;
  stepId: string;
  done: boolean;
  /** ISO time, or '' when not done. */
  completedAt: string;
  /** Seconds from reaching the step to finishing it, or null. */
  secondsTaken: number | null;
  failedChecks: number;
  hintsUsed: number;
}

/** Body of POST /api/sessions/:id/help (session token): ask for help; DELETE withdraws it. */
export interface HelpRequestBody {
  text?: string;
}

/**
 * Body of POST /api/sessions/:id/trainer (session token): the learner's answer to the trainer
 * asking for control, or ending the trainer's watching or typing.
 */
export interface TrainerAccessAnswer {
  allowControl?: boolean;
  stop?: boolean;
}

/** Answer to POST /api/workshops/:code/messages: how many learners' pages it was sent to. */
export interface MessageSent {
  delivered: number;
  /** ISO time. */
  at: string;
}

/** POST asks for help (answers 201 with the HelpRequest), DELETE withdraws it (204). Session token. */
export const helpPath = (sessionId: string) => `/api/sessions/${sessionId}/help`;
/** POST {stepId} (session token): the learner opened a step's next hint (204). */
export const hintsOpenedPath = (sessionId: string) => `/api/sessions/${sessionId}/hints`;
/** POST (trainer key): the trainer answered the help request (204). */
export const resolveHelpPath = (code: string, helpId: string) =>
  `/api/workshops/${code}/help/${helpId}/resolve`;
/** POST TrainerMessageRequest (trainer key): answers MessageSent. */
export const messagesPath = (code: string) => `/api/workshops/${code}/messages`;
/** POST PushHintRequest (trainer key): the learner's page opens the hint (204). */
export const pushHintPath = (code: string, learnerId: string) =>
  `/api/workshops/${code}/learners/${learnerId}/hint`;
/** GET (trainer key): ResultRow[] as JSON, or CSV with headers in `lang` (the workshop's by default). */
export const resultsPath = (code: string, format: 'json' | 'csv' = 'json', lang?: 'en' | 'id') =>
  `/api/workshops/${code}/results?format=${format}${lang ? `&lang=${lang}` : ''}`;

/** Body of POST /api/sessions/:id/lesson (session token): the seat moves to another of its lessons. */
export interface MoveLesson {
  lessonId: string;
}

/** Body of POST /api/sessions/:id/hints (session token): the learner opened a hint. */
export interface HintOpened {
  stepId: string;
}

/** What a learner's page learns of its workshop (a `workshop` session event). */
export interface SeatInfo {
  code: string;
  title: string;
  /** ISO times: the seat's own end includes its extension. */
  startsAt: string;
  endsAt: string;
  name: string;
  seat: number;
  /** The workshop's lessons in order: the learner moves between them in the same sandbox. */
  lessons: string[];
  /** The trainer's demo terminals the learner may follow. */
  demoTerminals: LearnerTerminal[];
}
