// What the server holds right now, counted part by part: sessions, shells, screen mirrors,
// port watches, step trackers, event subscribers and open sockets. A leak test compares two
// censuses; every count here must fall back to its first value once the sessions are gone.
import type { PlaygroundServer } from './http/server.js';
import type { PortService } from './ports/index.js';
import type { SessionPorts } from './ports/session-ports.js';
import type { LessonSessions } from './progress/lesson-sessions.js';
import type { SessionEventHub } from './sessions/event-hub.js';
import type { SessionService } from './sessions/service.js';
import type { TerminalRegistry } from './terminals/registry.js';
import { liveMirrorCount } from './terminals/screen-mirror.js';

export interface CensusParts {
  sessions: SessionService;
  terminals: TerminalRegistry;
  events: SessionEventHub;
  ports: PortService;
  sessionPorts: SessionPorts;
  lessonSessions: LessonSessions;
  server: PlaygroundServer;
}

export type Census = Record<string, number>;

export function takeCensus(parts: CensusParts): Census {
  const sockets = parts.server.openSockets();
  return {
    sessions: parts.sessions.size,
    terminalPanes: parts.terminals.size,
    screenMirrors: liveMirrorCount(),
    portWatches: parts.ports.watchCount,
    portHosts: parts.ports.hostCount,
    sessionPortWatches: parts.sessionPorts.size,
    stepTrackers: parts.lessonSessions.size,
    eventListeners: parts.events.listenerCount,
    eventSnapshots: parts.events.snapshotCount,
    ...Object.fromEntries(Object.entries(sockets).map(([protocol, n]) => [`sockets:${protocol}`, n])),
  };
}
