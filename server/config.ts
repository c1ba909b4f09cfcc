// Playground settings, read once from the environment with documented defaults (README,
// Configuration). This is the one module that reads process.env, so that table stays whole.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePortsBase, type PortsBase } from './ports/addressing.js';

export interface SandboxLimits {
  /** Memory limit of one sandbox (bytes). */
  memoryBytes: number;
  /** CPU share of one sandbox, in CPUs (1.5 = one and a half cores). */
  cpus: number;
  /** Most processes one sandbox may run (a fork bomb stops here). */
  pids: number;
  /** Disk of one sandbox: its own files and its nested images and containers (bytes). */
  diskBytes: number;
}

/** What the machine keeps for itself: no new sandbox starts once less than this is left. */
export interface MachineReserve {
  memoryBytes: number;
  pids: number;
  /** Share of the sandboxes' disk kept free, in percent of its size. */
  diskPercent: number;
}

export interface Config {
  /**
   * Which playground this is on a shared engine (PLAYGROUND_INSTANCE): it lists, adopts and
   * removes only its own objects. Tests and benchmarks run as instances of their own.
   */
  instance: string;
  /** Address the web server listens on. Loopback by default: exposing it is an explicit choice. */
  host: string;
  port: number;
  /** Parent domain (or origin) of published ports' own origins (PLAYGROUND_PORTS_BASE). */
  portsBase: PortsBase;
  /** Origins allowed to open terminals besides the page's own origin. */
  allowedOrigins: string[];
  /** Names the playground is served under besides loopback and `host` (refused otherwise). */
  publicHosts: string[];
  /** Reverse proxies (addresses, CIDR ranges) whose X-Forwarded-For names the client. */
  trustedProxies: string[];
  /** Most connections open at once, WebSockets included. */
  maxConnections: number;
  /** Most connections one client address (an IPv6 /64) holds at once. */
  maxConnectionsPerClient: number;
  /** Most event sockets (one per open page) one session holds at once. */
  maxEventSocketsPerSession: number;
  /** How long a client may take to send a request's headers, or to be answered a WebSocket handshake. */
  headersTimeoutMs: number;
  /** Where the playground keeps its caches, registry storage and logs. */
  stateDir: string;
  /** The SQLite database file: workshops, learners, lesson progress (PLAYGROUND_DB_PATH). */
  dbPath: string;
  /** Sandbox image to run instead of the one setup builds (an operator's own build). */
  sandboxImage?: string;
  /** Port of the read-only registry mirror that sandboxes pull lesson images from. */
  mirrorPort: number;
  /** Makes the mirror a pull-through cache of this registry instead of serving local images. */
  mirrorUpstream?: string;
  /** Account for the upstream registry (its pull limits are per account). */
  mirrorUpstreamUsername?: string;
  mirrorUpstreamPassword?: string;
  /**
   * The engine to use (DOCKER_HOST); the local socket when unset. For tcp:// the Docker
   * client library itself reads DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH.
   */
  dockerHost?: string;
  /** OCI runtime for sandboxes (runc, or sysbox-runc / kata where an operator installed them). */
  runtime: string;
  limits: SandboxLimits;
  reserve: MachineReserve;
  /** How long a sandbox lives before the reaper removes it. */
  sessionTtlMs: number;
  /** How much longer a learner may make their session live, once (0: not at all). */
  sessionExtendMs: number;
  /** Most sandboxes at once on this machine. */
  maxSessions: number;
  /** Most sandboxes one client address may hold at once. */
  maxSessionsPerClient: number;
  /** Most sandboxes at once on this machine, counting every host of every session. */
  maxSandboxes: number;
  /** Most hosts (sandboxes) one session may have at once. */
  maxHostsPerSession: number;
  /** Most terminals (shells) open at once in one session. */
  maxTerminalsPerSession: number;
  /** How long a terminal's shell outlives its socket, waiting for the pane to reconnect. */
  terminalGraceMs: number;
  /** Lines of history a shell's screen keeps for a reload's replay (up to 200 columns; fewer when wider). */
  terminalHistoryLines: number;
  /** How long to wait for a sandbox's inner daemon to answer. */
  sandboxReadyTimeoutMs: number;
  /** Folders of lessons (PLAYGROUND_LESSONS_DIR, separated like PATH), watched for changes. */
  lessonsDirs: string[];
  /** While a lesson's page is open, its steps are re-checked this often (what no event reports). */
  recheckIntervalMs: number;
  /** Bearer token that opens GET /metrics from other machines (loopback needs none). */
  metricsToken?: string;
  /** Sandboxes started ahead for whoever asks next (free play, recent lessons); 0: none. */
  warmSandboxes: number;
  /** How long before a workshop's start its seats' sandboxes start. */
  seatsLeadMs: number;
  /** How long after a workshop's start its seats nobody took are removed. */
  seatsUnclaimedMs: number;
  /** When set, creating a workshop needs it (Authorization: Bearer); unset, anyone may, within bounds. */
  workshopKey?: string;
  /** Share (%) of the session and sandbox limits all workshops' seats may hold at once; the rest stays free play's. */
  workshopSharePercent: number;
}

/** The playground's own lessons/ unless PLAYGROUND_LESSONS_DIR names other folders. */
function lessonsDirs(env: NodeJS.ProcessEnv): string[] {
  const listed = (env.PLAYGROUND_LESSONS_DIR ?? '').split(path.delimiter).filter(Boolean);
  return listed.length
    ? listed.map((dir) => path.resolve(dir))
    : [fileURLToPath(new URL('../lessons/', import.meta.url))];
}

/** Most lines of terminal history a setting may ask for: 50,000 x 200 columns is 120 MB a shell. */
const MAX_HISTORY_LINES = 50_000;

function historyLines(env: NodeJS.ProcessEnv): number {
  const lines = Math.floor(num(env, 'PLAYGROUND_TERMINAL_HISTORY_LINES', 5000));
  if (lines > MAX_HISTORY_LINES)
    throw new Error(`PLAYGROUND_TERMINAL_HISTORY_LINES may be at most ${MAX_HISTORY_LINES}, got ${lines}`);
  return lines;
}

/** Minutes a learner may add to their session once; 0 turns extending off. */
function extendMinutes(env: NodeJS.ProcessEnv): number {
  const raw = env.PLAYGROUND_SESSION_EXTEND_MINUTES;
  if (raw === '0') return 0;
  const minutes = num(env, 'PLAYGROUND_SESSION_EXTEND_MINUTES', 30);
  if (minutes > 24 * 60)
    throw new Error(`PLAYGROUND_SESSION_EXTEND_MINUTES may be at most ${24 * 60}, got ${minutes}`);
  return minutes;
}

function num(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

/** A count that may be 0 (a feature turned off). */
function count(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a whole number, 0 or more, got "${raw}"`);
  return value;
}

/** A whole percentage, 0 to 100. */
function percent(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = count(env, name, fallback);
  if (value > 100) throw new Error(`${name} is a percentage, 0 to 100, got "${value}"`);
  return value;
}

/** A comma-separated setting, its entries trimmed, empty ones dropped. */
function list(raw: string | undefined): string[] {
  return (raw || '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A bearer secret: unset, or long enough (16 characters) that guessing it is hopeless. */
function secret(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  if (!value) return undefined;
  if (value.length < 16) throw new Error(`${name} must be at least 16 characters long`);
  return value;
}

function defaultStateDir(): string {
  return process.getuid?.() === 0
    ? '/var/lib/docker-playground'
    : path.join(os.homedir(), '.local', 'share', 'docker-playground');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const stateDir = env.PLAYGROUND_STATE_DIR || defaultStateDir();
  return {
    instance: env.PLAYGROUND_INSTANCE || 'default',
    host: env.PLAYGROUND_HOST || '127.0.0.1',
    port: num(env, 'PLAYGROUND_PORT', 8080),
    portsBase: parsePortsBase(env.PLAYGROUND_PORTS_BASE),
    allowedOrigins: (env.PLAYGROUND_ALLOWED_ORIGINS || '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    publicHosts: list(env.PLAYGROUND_PUBLIC_HOSTS),
    trustedProxies: list(env.PLAYGROUND_TRUST_PROXY),
    // Each connection is a file descriptor: the whole stays well below the open-file limit
    // (thousands here), leaving room for the engine's streams (one per shell and watcher).
    maxConnections: num(env, 'PLAYGROUND_MAX_CONNECTIONS', 4000),
    // A class behind one NAT address: 100 learners with a page, its event socket, a few
    // terminals and the browser's keep-alive connections each.
    maxConnectionsPerClient: num(env, 'PLAYGROUND_MAX_CONNECTIONS_PER_CLIENT', 1000),
    // One per open tab of the session; more than a learner opens, far fewer than an attack.
    maxEventSocketsPerSession: num(env, 'PLAYGROUND_MAX_EVENT_SOCKETS', 16),
    headersTimeoutMs: num(env, 'PLAYGROUND_HEADERS_TIMEOUT_SECONDS', 15) * 1000,
    stateDir,
    dbPath: env.PLAYGROUND_DB_PATH || path.join(stateDir, 'playground.db'),
    sandboxImage: env.PLAYGROUND_SANDBOX_IMAGE || undefined,
    mirrorPort: num(env, 'PLAYGROUND_MIRROR_PORT', 5000),
    mirrorUpstream: env.PLAYGROUND_MIRROR_UPSTREAM || undefined,
    mirrorUpstreamUsername: env.PLAYGROUND_MIRROR_UPSTREAM_USERNAME || undefined,
    mirrorUpstreamPassword: env.PLAYGROUND_MIRROR_UPSTREAM_PASSWORD || undefined,
    dockerHost: env.DOCKER_HOST || undefined,
    runtime: env.PLAYGROUND_RUNTIME || 'runc',
    limits: {
      memoryBytes: num(env, 'PLAYGROUND_SANDBOX_MEMORY_MB', 2048) * 1024 * 1024,
      cpus: num(env, 'PLAYGROUND_SANDBOX_CPUS', 1),
      pids: num(env, 'PLAYGROUND_SANDBOX_PIDS', 2048),
      diskBytes: num(env, 'PLAYGROUND_SANDBOX_DISK_MB', 4096) * 1024 * 1024,
    },
    reserve: {
      memoryBytes: num(env, 'PLAYGROUND_RESERVE_MEMORY_MB', 1024) * 1024 * 1024,
      pids: num(env, 'PLAYGROUND_RESERVE_PIDS', 2048),
      diskPercent: num(env, 'PLAYGROUND_RESERVE_DISK_PERCENT', 5),
    },
    sessionTtlMs: num(env, 'PLAYGROUND_SESSION_MINUTES', 120) * 60_000,
    sessionExtendMs: extendMinutes(env) * 60_000,
    maxSessions: num(env, 'PLAYGROUND_MAX_SESSIONS', 20),
    maxSessionsPerClient: num(env, 'PLAYGROUND_MAX_SESSIONS_PER_CLIENT', 3),
    maxSandboxes: num(env, 'PLAYGROUND_MAX_SANDBOXES', 40),
    maxHostsPerSession: num(env, 'PLAYGROUND_MAX_HOSTS', 3),
    maxTerminalsPerSession: num(env, 'PLAYGROUND_MAX_TERMINALS', 8),
    terminalGraceMs: num(env, 'PLAYGROUND_TERMINAL_GRACE_SECONDS', 300) * 1000,
    terminalHistoryLines: historyLines(env),
    sandboxReadyTimeoutMs: num(env, 'PLAYGROUND_SANDBOX_READY_SECONDS', 60) * 1000,
    recheckIntervalMs: num(env, 'PLAYGROUND_RECHECK_SECONDS', 10) * 1000,
    lessonsDirs: lessonsDirs(env),
    metricsToken: secret(env, 'PLAYGROUND_METRICS_TOKEN'),
    warmSandboxes: count(env, 'PLAYGROUND_WARM_SANDBOXES', 2),
    seatsLeadMs: count(env, 'PLAYGROUND_SEATS_LEAD_MINUTES', 10) * 60_000,
    seatsUnclaimedMs: count(env, 'PLAYGROUND_SEATS_UNCLAIMED_MINUTES', 30) * 60_000,
    workshopKey: secret(env, 'PLAYGROUND_WORKSHOP_KEY'),
    workshopSharePercent: percent(env, 'PLAYGROUND_WORKSHOP_SHARE_PERCENT', 75),
  };
}

/**
 * The environment a child process (a build recipe, the docker CLI, apt-get, dockerd, the
 * registry) runs with: the playground's own, so PATH, proxies and DOCKER_HOST reach it, plus `extra`.
 */
export function childEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

/** The directories commands are looked up in (PATH). */
export function commandSearchPath(): string[] {
  return (process.env.PATH ?? '/usr/bin:/bin').split(':');
}
