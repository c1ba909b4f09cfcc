// Starts the playground's real HTTP server on a loopback port, with sessions whose sandboxes
// are fakes (ready at once): the HTTP and WebSocket layers under test, no engine needed.
import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from '../../server/config.js';
import { networkPolicy } from '../../server/http/network-policy.js';
import { openDatabase } from '../../server/db/database.js';
import { info, workshopApi } from '../../server/workshops/api.js';
import { creationPolicy } from '../../server/workshops/creation-policy.js';
import { Classroom } from '../../server/workshops/class/classroom.js';
import { LiveActions } from '../../server/workshops/class/live-actions.js';
import { liveApi } from '../../server/workshops/class/live-api.js';
import { WorkshopService } from '../../server/workshops/service.js';
import { WorkshopTerminals } from '../../server/workshops/live-terminals.js';
import { createPlaygroundMetrics } from '../../server/metrics/playground-metrics.js';
import { createPlaygroundServer, type PlaygroundServer } from '../../server/http/server.js';
import { LessonCatalogue } from '../../server/lessons/catalogue.js';
import { PortService } from '../../server/ports/index.js';
import type { LessonSessions } from '../../server/progress/lesson-sessions.js';
import type { SandboxManager } from '../../server/sandboxes/manager.js';
import { SessionEventHub } from '../../server/sessions/event-hub.js';
import { SessionService } from '../../server/sessions/service.js';
import { TerminalRegistry } from '../../server/terminals/registry.js';
import type { ShellFactory } from '../../server/terminals/sandbox-shells.js';

/** A sandbox manager whose sandboxes are ready at once and cost nothing. */
const fakeSandboxes = {
  create: async () => ({}),
  destroyHost: async () => undefined,
  destroy: async () => undefined,
  sweep: async () => [],
} as unknown as SandboxManager;

export interface TestHttpServer {
  server: PlaygroundServer;
  sessions: SessionService;
  /** The workshops, on the server's own (in-memory) database. */
  workshops: WorkshopService;
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Makes the shells of the server's terminals (none by default: opening one fails). */
export interface TestHttpOptions {
  shells?: ShellFactory;
}

export async function startTestHttpServer(
  overrides: Partial<Config> = {},
  options: TestHttpOptions = {},
): Promise<TestHttpServer> {
  const config: Config = { ...loadConfig({}), port: 0, maxSessionsPerClient: 50, ...overrides };
  const events = new SessionEventHub();
  const sessions = new SessionService(fakeSandboxes, config, events);
  const terminals = new TerminalRegistry({ graceMs: 1000, maxPerSession: config.maxTerminalsPerSession });
  let port = 0;
  const catalogue = new LessonCatalogue([], []);
  const db = openDatabase(':memory:');
  const workshops = workshopApi(new WorkshopService(db), () => false, Date.now, undefined, {
    policy: creationPolicy(db, config, () => 1),
    trustedProxies: networkPolicy(config).trustedProxies,
  });
  const classroom = new Classroom({
    db,
    workshops: workshops.service,
    catalogue,
    events,
    info: (w) => info(workshops, w),
  });
  classroom.start();
  const lessonOf = (id: string) => sessions.lessonOf(id);
  const setLesson = (id: string, lessonId: string) => sessions.setLesson(id, lessonId);
  const actions = new LiveActions({ classroom, events, catalogue, lessonOf, setLesson });
  const server = createPlaygroundServer({
    sessions,
    events,
    terminals,
    catalogue,
    lessonSessions: {} as LessonSessions,
    ports: new PortService({ base: config.portsBase, listeningPort: () => port }),
    health: async () => ({ ok: true }) as never,
    shells:
      options.shells ??
      (() => {
        throw new Error('this test server has no shells');
      }),
    allowedOrigins: config.allowedOrigins,
    network: networkPolicy(config),
    metrics: createPlaygroundMetrics({
      sessions: () => ({ starting: 0, ready: 0, failed: 0 }),
      sandboxes: () => ({ starting: 0, ready: 0, failed: 0 }),
      terminals: () => 0,
      sockets: () => ({ terminal: 0, events: 0 }),
    }),
    workshops,
    workshopTerminals: new WorkshopTerminals({
      workshops: workshops.service,
      sessions,
      terminals,
      events,
      lessonHosts: () => undefined,
    }),
    live: liveApi(classroom, actions, workshops.service),
    clientRoot: '/nonexistent-client',
  });
  await new Promise<void>((resolve) => server.http.listen(0, '127.0.0.1', resolve));
  port = (server.http.address() as AddressInfo).port;
  return {
    server,
    sessions,
    workshops: workshops.service,
    url: `http://127.0.0.1:${port}`,
    port,
    close: () => server.close(),
  };
}
