// The session event channel: one WebSocket per page that pushes what changes in a session
// without polling: its hosts, the ports its containers publish, and lesson progress.
// Server -> browser only; every message is one UTF-8 JSON text frame holding a SessionEvent.
// A new subscriber first receives the latest event of each kind (a snapshot), then changes.
import type { SessionView } from './api.js';
import type { Command } from './lesson.js';
import type { Message } from './messages.js';
import type { SeatInfo, TrainerPresence } from './workshop-live.js';

/** Subprotocol the events WebSocket offers (beside the token subprotocol, as for terminals). */
export const EVENTS_SUBPROTOCOL = 'playground.events.v1';

/** Path of the events WebSocket for a session. */
export const eventsPath = (sessionId: string) => `/api/sessions/${sessionId}/events`;

/** A port a container in a sandbox publishes, reachable through the playground's proxy. */
export interface PublishedPort {
  /** Session host the container runs on, e.g. "docker" or "node2". */
  host: string;
  /** Port on the sandbox host (the left side of `-p 5000:80`). */
  port: number;
  /** Name of the container that publishes it. */
  container: string;
  /** Address that opens it in the browser through the proxy (needs a ticket, see api.ts). */
  url: string;
}

/** Where a lesson step stands. */
export type StepState = 'pending' | 'checking' | 'passed' | 'failed';

export interface StepProgress {
  stepId: string;
  state: StepState;
  /** Why the step is not done yet (the first failing check's reason), for the learner. */
  reason?: string;
  /** The same reason as a message, for the page to say in its own language. */
  reasonMessage?: Message;
  /** ISO time the step first passed; it stays done after that. */
  completedAt?: string;
}

export interface LessonProgress {
  lessonId: string;
  steps: StepProgress[];
  /** Steps whose start scripts have run (they run once per session). */
  startedSteps?: string[];
}

export type SessionEvent =
  /** The session itself changed: state, hosts added or removed. */
  | { type: 'session'; session: SessionView }
  /** Every port currently published on one host (replaces the previous list for that host). */
  | { type: 'ports'; host: string; ports: PublishedPort[] }
  /** Progress of the session's lesson. */
  | { type: 'progress'; progress: LessonProgress }
  /**
   * A step's foreground script, for the page to type into a pane like an {{exec}} button.
   * Kept in the snapshot so a page that connects late still gets it; the page runs each
   * step's once (it remembers which it ran).
   */
  | { type: 'exec'; stepId: string; command: Command }
  /** A problem the page should show (e.g. a step-start script that failed). */
  | { type: 'notice'; level: 'info' | 'warning' | 'error'; message: string }
  /** The workshop seat this session holds: its times (they change when extended). */
  | { type: 'workshop'; seat: SeatInfo }
  /** A message from the workshop's trainer, to this learner or to everyone (the latest is kept). */
  | { type: 'message'; text: string; toEveryone: boolean; at: string }
  /** The trainer pushed the next hint of a step: the page opens it. */
  | { type: 'hint'; stepId: string }
  /** Whether the trainer is watching or typing in this learner's terminals. */
  | { type: 'trainer'; presence: TrainerPresence }
  /** This learner's help request: open (with its text) or answered/withdrawn (null). */
  | { type: 'help'; open: { text: string; at: string } | null };

/** Key under which the latest event of a kind is kept for new subscribers. */
export function snapshotKey(event: SessionEvent): string | null {
  switch (event.type) {
    case 'session':
      return 'session';
    case 'ports':
      return `ports:${event.host}`;
    case 'progress':
      return `progress:${event.progress.lessonId}`;
    case 'exec':
      return `exec:${event.stepId}`;
    case 'workshop':
    case 'trainer':
    case 'help':
    case 'message':
      return event.type;
    case 'notice':
    case 'hint':
      return null;
  }
}
