// Wires the parts together: sandboxes, sessions, health and the HTTP server.
// main.ts runs it for real; the integration and end-to-end tests run the very same.
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HealthView } from '../common/api.js';
import type { Config } from './config.js';
import { pingEngine } from './engine/connect.js';
import { createPlaygroundServer } from './http/server.js';
import { logger } from './log.js';
import { mirrorHealth } from './registry/index.js';
import { SandboxManager } from './sandboxes/manager.js';
import { chooseRecipe, type RecipeChoice } from './sandboxes/recipe.js';
import { LessonCatalogue } from './lessons/catalogue.js';
import { LessonSessions } from './progress/lesson-sessions.js';
import { ProgressStore } from './progress/progress-store.js';
import { SessionEventHub } from './sessions/event-hub.js';
import { SessionService } from './sessions/service.js';
import { PortService } from './ports/index.js';
import { SessionPorts } from './ports/session-ports.js';
import type { TerminalRegistry } from './terminals/registry.js';
import type { SetupResult } from './setup/index.js';

const log = logger('main');

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface RunningPlayground {
  server: http.Server;
  sessions: SessionService;
  /** Live terminals by session and pane. */
  terminals: TerminalRegistry;
  events: SessionEventHub;
  catalogue: LessonCatalogue;
  sandboxes: SandboxManager;
  recipe: RecipeChoice;
  /** http://host:port of the listening server. */
  url: string;
  close(): Promise<void>;
}

export interface PlaygroundOptions {
  /** Lessons to serve instead of the playground's lessons/ (tests). */
  lessonsDir?: string;
}

export async function startPlayground(
  config: Config,
  setup: SetupResult,
  options: PlaygroundOptions = {},
): Promise<RunningPlayground> {
  const { endpoint, capabilities, managed } = setup;
  const recipe = chooseRecipe(capabilities, endpoint.local, config.runtime);
  if (recipe.warning) log.warn(recipe.warning);
  else log.info('sandboxes are user-namespaced: root in a sandbox is an unprivileged user on the host');

  const sandboxes = new SandboxManager({
    docker: endpoint.docker,
    config,
    capabilities,
    recipe,
    image: setup.sandboxImage,
    mirrorPort: setup.mirrorPort,
  });
  const catalogue = await LessonCatalogue.load(options.lessonsDir);
  for (const p of catalogue.problems.filter((p) => p.severity === 'error')) {
    log.warn(`lesson left out: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
  }
  const events = new SessionEventHub();
  const sessions = new SessionService(sandboxes, config, events);
  // Observers first: adopting live sessions tells them which hosts are ready.
  const lessonSessions = new LessonSessions({
    sessions,
    sandboxes,
    catalogue,
    events,
    store: new ProgressStore(path.join(config.stateDir, 'progress')),
    ...(options.lessonsDir ? { lessonsDir: options.lessonsDir } : {}),
  });
  let listeningPort = 0;
  const ports = new PortService({
    base: config.portsBase,
    listeningPort: () => listeningPort,
    isSessionToken: (id, token) => {
      try {
        sessions.authorize(id, token);
        return true;
      } catch {
        return false;
      }
    },
  });
  new SessionPorts(ports, sandboxes, events, sessions);
  await sessions.start();

  const health = async (): Promise<HealthView> => {
    const [version, mirrorUp] = await Promise.all([
      pingEngine(endpoint.docker),
      mirrorHealth(setup.mirrorPort),
    ]);
    return {
      ok: Boolean(version) && mirrorUp,
      engine: { reachable: Boolean(version), ...(version ? { version } : {}), managedByPlayground: managed },
      isolation: {
        recipe: recipe.name,
        isolatesHost: recipe.isolatesHost,
        hostFirewall: setup.hostFirewall,
        ...(recipe.warning ? { warning: recipe.warning } : {}),
      },
      registryMirror: { reachable: mirrorUp },
      sessions: { active: sessions.activeCount, max: config.maxSessions },
    };
  };

  const playground = createPlaygroundServer({
    config,
    sessions,
    sandboxes,
    clientRoot: path.join(PROJECT_ROOT, 'dist', 'client'),
    health,
    catalogue,
    events,
    lessonSessions,
    ports,
  });
  const server = playground.http;
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  listeningPort = port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;

  return {
    server,
    sessions,
    terminals: playground.terminals,
    events,
    catalogue,
    sandboxes,
    recipe,
    url,
    close: async () => {
      sessions.stop();
      await lessonSessions.stopAll();
      await ports.close();
      await playground.close();
    },
  };
}
