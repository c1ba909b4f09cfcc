// Wires the parts together: sandboxes, sessions and what follows them (lesson progress,
// published ports, terminals), health and the HTTP server. This is the one place where parts
// are connected: every session observer is subscribed here, and the server gets what it
// serves. The workshops' parts and the warm sessions are made by workshops/wiring.ts from
// the parts handed to it here. main.ts runs it for real; the integration and end-to-end
// tests run the very same.
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { takeCensus, type Census } from './census.js';
import type { Config } from './config.js';
import { openDatabase, type Db } from './db/database.js';
import { pingEngine } from './engine/connect.js';
import { ENGINE_PING_MS, EngineGate } from './engine/engine-gate.js';
import { networkPolicy } from './http/network-policy.js';
import { createPlaygroundServer, type PlaygroundServer } from './http/server.js';
import { logger } from './log.js';
import { createPlaygroundMetrics, type PlaygroundMetrics } from './metrics/playground-metrics.js';
import { mirrorHealth, restartMirror } from './registry/index.js';
import { MirrorSupervisor } from './registry/supervisor.js';
import { capacitySettings } from './sandboxes/capacity.js';
import { openSandboxStorage } from './sandboxes/disks.js';
import { MachineCapacity } from './sandboxes/machine.js';
import { loadSshSecret } from './sandboxes/ssh-keys.js';
import { SandboxManager } from './sandboxes/manager.js';
import { chooseRecipe, type RecipeChoice } from './sandboxes/recipe.js';
import { LessonCatalogue } from './lessons/catalogue.js';
import { watchCatalogue, type CatalogueWatch } from './lessons/catalogue-watch.js';
import { LessonSessions } from './progress/lesson-sessions.js';
import { importOlderProgress } from './progress/progress-import.js';
import { ProgressStore } from './progress/progress-store.js';
import { SessionEventHub } from './sessions/event-hub.js';
import { LeaseStore } from './sessions/leases.js';
import { followSandboxLoss } from './sessions/sandbox-loss.js';
import { SessionService } from './sessions/service.js';
import { ShellFirst } from './sessions/shell-first.js';
import { PortService } from './ports/index.js';
import { healthReport } from './health.js';
import { SessionPorts } from './ports/session-ports.js';
import { TerminalRegistry } from './terminals/registry.js';
import { GENERAL_POOL } from './sessions/warm-pool.js';
import type { WarmStock } from './sessions/warm-stock.js';
import { workshopParts, type ReadyShell, type WarmParts, type WorkshopParts } from './workshops/wiring.js';
import { endShell } from './terminals/docker-exec.js';
import { graceForLeftShells } from './terminals/restart-grace.js';
import { ScreenStore, screenDir } from './terminals/screen-store.js';
import { sandboxShells } from './terminals/sandbox-shells.js';
import { ReadyPanes } from './terminals/ready-panes.js';
import { PlaygroundError } from './errors.js';
import { message } from '../common/messages.js';
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
  /** Keeps the registry mirror running (tests stop it to see the mirror down). */
  mirror: MirrorSupervisor;
  /** http://host:port of the listening server. */
  url: string;
  /** What the server holds right now, part by part (leak tests compare two). */
  census(): Census;
  close(): Promise<void>;
}

export interface PlaygroundOptions {
  /** Lessons to serve instead of the playground's lessons/ (tests). */
  lessonsDir?: string;
}

/** The parts every step below builds on. */
interface Core {
  config: Config;
  /** The one connection to the database (PLAYGROUND_DB_PATH), closed with the playground. */
  db: Db;
  recipe: RecipeChoice;
  sandboxes: SandboxManager;
  catalogue: LessonCatalogue;
  lessonsWatch: CatalogueWatch;
  events: SessionEventHub;
  sessions: SessionService;
  capacity: MachineCapacity;
}

/** The shells a server before this one left running: each has the grace period to be reopened. */
async function graceLeftShells(config: Config, core: Core, followers: Followers): Promise<void> {
  const { sessions, sandboxes } = core;
  await graceForLeftShells(
    {
      screens: followers.screens,
      graceMs: config.terminalGraceMs,
      reopened: (pane) => followers.terminals.has(pane.sessionId, pane.paneId),
      endShell: async ({ sessionId, host, paneId }) => {
        const container = await sandboxes.runningContainer(sessionId, host);
        if (container) await endShell(container, paneId);
      },
    },
    (id) => sessions.has(id),
  );
}

/** A command finished in a session's shell: background work waiting for a prompt goes, checks run. */
function onPrompt({ shellFirst, lessonSessions }: Followers): (sessionId: string) => void {
  return (id) => {
    shellFirst.prompted(id);
    lessonSessions.nudge(id);
  };
}

/** Ready seats' first shells, started ahead by the server (no learner's token): ready-panes.ts. */
function readyShells({ sessions, sandboxes }: Core, followers: Followers): ReadyShell {
  const shells = sandboxShells(async (id, _token, host) => {
    const container = await sandboxes.runningContainer(id, host);
    if (!container) throw new PlaygroundError(message('sandbox-gone', {}), 410);
    return container;
  }, onPrompt(followers));
  const ready = new ReadyPanes(
    followers.terminals,
    (id, host, pane, language) => shells(id, undefined, host, pane, language),
    (id) => sessions.primaryHost(id),
    (id) => sessions.unclaimed(id),
    // Background work (checks, port watch) waits while a class's learners await their prompts.
    (id) => followers.shellFirst.promptAwaited(id),
  );
  sessions.observe(ready.observer());
  return (id, language) => ready.prestart(id, language);
}

/** What follows sessions: each one is a session observer. */
interface Followers {
  progress: ProgressStore;
  lessonSessions: LessonSessions;
  ports: PortService;
  sessionPorts: SessionPorts;
  terminals: TerminalRegistry;
  /** The panes' last screens on disk (a restarted server replays them). */
  screens: ScreenStore;
  /** Told of each prompt: the followers' background work waits for a session's first one. */
  shellFirst: ShellFirst;
}

export async function startPlayground(
  config: Config,
  setup: SetupResult,
  options: PlaygroundOptions = {},
): Promise<RunningPlayground> {
  const db = openDatabase(config.dbPath);
  try {
    return await startOn(db, config, setup, options);
  } catch (err) {
    db.close();
    throw err;
  }
}

async function startOn(
  db: Db,
  config: Config,
  setup: SetupResult,
  options: PlaygroundOptions,
): Promise<RunningPlayground> {
  const core = await createCore(db, config, setup, options);
  const { sessions, events, catalogue, sandboxes, recipe } = core;
  let listeningPort = 0;
  const followers = followSessions(core, () => listeningPort);
  // Progress kept in files by an older playground, before a tracker may look for it.
  await importOlderProgress(config, followers.progress);
  // After the observers: adopting live sessions tells them which hosts are ready.
  await sessions.start();
  await followers.screens.keepOnly((id) => sessions.has(id));
  await graceLeftShells(config, core, followers);
  // A sandbox that stops or vanishes without being asked to turns its host 'failed'.
  const sandboxLoss = followSandboxLoss(sandboxes.docker, sessions);
  const { engine, mirror } = superviseSurroundings(core, setup, sandboxLoss);
  const { terminals } = followers;
  const { warm, workshops, workshopTerminals, live } = workshopParts(
    core,
    terminals,
    readyShells(core, followers),
  );
  const server = createPlaygroundServer({
    ...followers,
    warm: warm.pool,
    workshops,
    workshopTerminals,
    live,
    sessions,
    events,
    catalogue,
    health: healthReport(core, setup, mirror),
    engine,
    shells: sandboxShells(
      (id, token, host) => sessions.readySandbox(id, token, host),
      onPrompt(followers),
      () => followers.shellFirst.shellStarting(),
    ),
    allowedOrigins: config.allowedOrigins,
    network: networkPolicy(config),
    metrics: metricsOf(core, terminals, warm.stock),
    operatorToken: config.metricsToken,
    clientRoot: path.join(PROJECT_ROOT, 'dist', 'client'),
  });
  const listening = await listen(server.http, config);
  listeningPort = listening.port;
  return {
    server: server.http,
    sessions,
    terminals,
    events,
    catalogue,
    sandboxes,
    recipe,
    mirror,
    url: listening.url,
    census: () => takeCensus({ ...core, ...followers, server }),
    close: () => stopAll({ core, warm, sandboxLoss, mirror, live, followers, server, db }),
  };
}

/** The sandbox recipe and manager, the lessons, the event hub and the session service. */
async function createCore(
  db: Db,
  config: Config,
  setup: SetupResult,
  options: PlaygroundOptions,
): Promise<Core> {
  const { endpoint, capabilities } = setup;
  const recipe = chooseRecipe(capabilities, endpoint.local, config.runtime);
  if (recipe.warning) log.warn(recipe.warning);
  else log.info('sandboxes are user-namespaced: root in a sandbox is an unprivileged user on the host');
  const storage = await openSandboxStorage(endpoint.docker, endpoint.local, config, capabilities);
  const capacity = new MachineCapacity(capacitySettings(config, Boolean(storage.disks)), {
    ...(storage.diskPath ? { diskPath: storage.diskPath } : {}),
    ...(storage.unbounded ? { diskUnbounded: storage.unbounded } : {}),
  });
  for (const warning of capacity.warnings) log.warn(warning);
  const sandboxes = new SandboxManager({
    docker: endpoint.docker,
    config,
    capabilities,
    recipe,
    image: setup.sandboxImage,
    mirrorPort: setup.mirrorPort,
    ...(storage.disks ? { disks: storage.disks } : {}),
    sshSecret: await loadSshSecret(config.stateDir),
  });
  const lessonsDirs = options.lessonsDir ? [options.lessonsDir] : config.lessonsDirs;
  const catalogue = await LessonCatalogue.load(lessonsDirs);
  // An author's edit is served at once; a broken one keeps the last good version.
  const lessonsWatch = watchCatalogue(catalogue, lessonsDirs);
  for (const p of catalogue.problems.filter((p) => p.severity === 'error')) {
    log.warn(`lesson left out: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
  }
  const events = new SessionEventHub();
  const sessions = new SessionService(sandboxes, config, events, capacity, new LeaseStore(db));
  return { config, db, recipe, sandboxes, catalogue, lessonsWatch, events, sessions, capacity };
}

/** Lesson progress, published ports and terminals, each following the sessions' hosts. */
function followSessions(
  { config, db, sandboxes, catalogue, events, sessions }: Core,
  listeningPort: () => number,
): Followers {
  const progress = new ProgressStore(db);
  const lessonSessions = new LessonSessions({
    sessions,
    sandboxes,
    catalogue,
    events,
    store: progress,
    recheckIntervalMs: config.recheckIntervalMs,
  });
  // Their execs in the sandbox wait for its first prompt: the learner's shell starts first.
  const shellFirst = new ShellFirst();
  sessions.observe(shellFirst.observer(lessonSessions));
  const ports = new PortService({
    base: config.portsBase,
    listeningPort,
    isSessionToken: (id, token) => {
      try {
        sessions.authorize(id, token);
        return true;
      } catch {
        return false;
      }
    },
  });
  const sessionPorts = new SessionPorts(ports, sandboxes, events);
  sessions.observe(shellFirst.observer(sessionPorts));
  const screens = new ScreenStore(screenDir(config.stateDir, config.instance));
  const terminals = new TerminalRegistry({
    graceMs: config.terminalGraceMs,
    maxPerSession: config.maxTerminalsPerSession,
    historyLines: config.terminalHistoryLines,
    screens,
  });
  // Shells end with their host or session, whoever ends it (the learner, the reaper).
  sessions.observe({
    hostRemoved: (sessionId, host) => void terminals.closeHost(sessionId, host),
    sessionEnded: (sessionId) => void terminals.closeSession(sessionId),
  });
  return { progress, lessonSessions, ports, sessionPorts, terminals, screens, shellFirst };
}

/**
 * The engine and the mirror, which can go away while the server runs: while the engine's
 * events are away a new sandbox is refused with a 503 unless it answers; the mirror (a
 * process of its own) is started again when it stops answering.
 */
function superviseSurroundings(
  { config, sandboxes }: Core,
  setup: SetupResult,
  engineEvents: { readonly connected: boolean },
): { engine: EngineGate; mirror: MirrorSupervisor } {
  const engine = new EngineGate({
    following: () => engineEvents.connected,
    ping: async () => Boolean(await pingEngine(sandboxes.docker, ENGINE_PING_MS)),
  });
  const mirror = new MirrorSupervisor({
    answers: () => mirrorHealth(setup.mirrorPort),
    restart: () => restartMirror(config.stateDir, setup.mirrorPort),
  });
  mirror.start();
  return { engine, mirror };
}

/** Everything the server started, stopped in an order in which nothing waits on what is gone. */
async function stopAll(parts: {
  core: Core;
  warm: WarmParts;
  sandboxLoss: { stop(): void };
  mirror: MirrorSupervisor;
  live: WorkshopParts['live'];
  followers: ReturnType<typeof followSessions>;
  server: PlaygroundServer;
  db: Db;
}): Promise<void> {
  const { core, warm, followers, server, db } = parts;
  // First: no session starts behind the server's back while the rest stops.
  core.sessions.stop();
  await core.lessonsWatch.close();
  warm.seats.stop();
  await warm.pool.stop();
  await warm.stock.drainAll(); // their tokens end with the server
  parts.sandboxLoss.stop();
  parts.mirror.stop();
  parts.live.classroom.stop();
  await followers.lessonSessions.stopAll();
  await followers.ports.close();
  // Shells end with the server rather than wait out their grace period.
  await followers.terminals.closeAll();
  await server.close();
  db.close(); // last: everything above may still save progress
}

/** GET /metrics: the gauges read what the sessions, terminals and event hub hold when scraped. */
function metricsOf(
  { sessions, events }: Core,
  terminals: TerminalRegistry,
  warm: WarmStock,
): PlaygroundMetrics {
  return createPlaygroundMetrics({
    warm: () => {
      const byPool = warm.sandboxes();
      const general = byPool.get(GENERAL_POOL) ?? 0;
      const all = [...byPool.values()].reduce((a, b) => a + b, 0);
      return { general, seats: all - general };
    },
    sessions: () => sessions.census().sessions,
    sandboxes: () => sessions.census().sandboxes,
    terminals: () => terminals.census().shells,
    sockets: () => ({ terminal: terminals.census().sockets, events: events.listenerCount }),
  });
}

async function listen(server: http.Server, config: Config): Promise<{ port: number; url: string }> {
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  return { port, url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}` };
}
