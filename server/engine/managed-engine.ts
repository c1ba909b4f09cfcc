// Installs (Debian's docker.io) and starts a Docker engine when none is reachable.
// The engine started here runs with user-namespace remapping, so root in a sandbox is
// an unprivileged user on the host, and with address pools large enough for one
// network per session. An engine the user already runs is never touched.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import { childEnvironment } from '../config.js';
import { pingEngine } from './connect.js';

/** Session networks come from here: 4096 /24 networks, clear of Docker's defaults. */
export const SESSION_POOL_CIDR = '10.96.0.0/12';
/** Prefix length of one session network (the firewall counts mirror connections per network). */
export const SESSION_NETWORK_PREFIX = 24;
const SESSION_ADDRESS_POOL = `base=${SESSION_POOL_CIDR},size=${SESSION_NETWORK_PREFIX}`;

export class EngineUnavailableError extends Error {
  override name = 'EngineUnavailableError';
}

export const dockerdArgs = (): string[] => [
  '--userns-remap=default',
  `--default-address-pool=${SESSION_ADDRESS_POOL}`,
  '--host=unix:///var/run/docker.sock',
];

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function canInstallHere(): string | null {
  if (process.platform !== 'linux') return 'this is not Linux';
  if (process.getuid?.() !== 0) return 'the playground is not running as root';
  if (!fs.existsSync('/usr/bin/apt-get')) return 'this machine has no apt-get (not Debian or Ubuntu)';
  return null;
}

function run(command: string, args: string[], onProgress: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: childEnvironment({ DEBIAN_FRONTEND: 'noninteractive' }),
    });
    const tail: string[] = [];
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        tail.push(line);
        if (tail.length > 20) tail.shift();
        if (/^(Get:|Setting up|Unpacking)/.test(line)) onProgress(line);
      }
    };
    child.stdout.on('data', onLine);
    child.stderr.on('data', onLine);
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} failed (exit ${code}):\n${tail.join('\n')}`)),
    );
  });
}

export interface ManagedEngineOptions {
  docker: Docker;
  stateDir: string;
  onProgress: (line: string) => void;
}

/** Installs and starts the engine, resolving once it answers. Throws EngineUnavailableError with the fix. */
export async function startManagedEngine({
  docker,
  stateDir,
  onProgress,
}: ManagedEngineOptions): Promise<void> {
  const blocker = canInstallHere();
  if (blocker) {
    throw new EngineUnavailableError(
      `No Docker engine is reachable and the playground cannot install one because ${blocker}. ` +
        'Install and start Docker (https://docs.docker.com/engine/install/), ' +
        'or point DOCKER_HOST at a running engine, then start the playground again.',
    );
  }
  if (!has('dockerd')) {
    onProgress("installing Debian's docker.io (Docker engine)");
    await run('apt-get', ['update'], onProgress);
    await run('apt-get', ['install', '-y', '--no-install-recommends', 'docker.io', 'iptables'], onProgress);
  }
  fs.mkdirSync(stateDir, { recursive: true });
  const logPath = path.join(stateDir, 'dockerd.log');
  onProgress(`starting dockerd with user-namespace remapping (log: ${logPath})`);
  const log = fs.openSync(logPath, 'a');
  const child = spawn('dockerd', dockerdArgs(), { detached: true, stdio: ['ignore', log, log] });
  child.unref();
  fs.closeSync(log);
  fs.writeFileSync(
    path.join(stateDir, 'engine.json'),
    JSON.stringify({ pid: child.pid, startedAt: new Date() }),
  );

  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await pingEngine(docker, 1000)) return;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const tail = fs.readFileSync(logPath, 'utf8').split('\n').slice(-15).join('\n');
  throw new EngineUnavailableError(`dockerd did not come up within 60 s. Last lines of ${logPath}:\n${tail}`);
}

/** True when the running engine is the one this playground started. */
export function isManagedEngine(stateDir: string): boolean {
  try {
    const { pid } = JSON.parse(fs.readFileSync(path.join(stateDir, 'engine.json'), 'utf8')) as {
      pid: number;
    };
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
