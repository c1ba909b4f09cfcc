// The registry mirror sandboxes pull lesson images from. Each sandbox's inner dockerd runs with
// `--registry-mirror http://<gateway>:<port> --insecure-registry <gateway>:<port>`, so a learner's
// `docker pull redis` is answered with library/redis:latest from here.
//
// Two modes:
// - local (default): a read-only registry holding the images built by ensureImages, pushed under
//   their Docker Hub names. Works with no internet at all.
// - pull-through cache: set PLAYGROUND_MIRROR_UPSTREAM=https://registry-1.docker.io (the
//   registry's proxy.remoteurl) on machines with internet; learners then get the real images,
//   cached on first pull. PLAYGROUND_MIRROR_UPSTREAM_USERNAME / _PASSWORD authenticate to the
//   upstream (Docker Hub's pull limits are per account). Nothing is pushed in this mode, and the
//   registry will not start while the upstream is unreachable. config.ts reads these settings.
// In both modes the mirror refuses pushes (storage.maintenance.readonly), so no sandbox can
// plant an image for another.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type Docker from 'dockerode';
import type { Config } from '../config.js';
import { CATALOG, type ImageSpec } from '../images/catalog.js';
import { withLock } from '../images/lock.js';
import { registryBinary } from './binary.js';
import { registryConfig } from './config.js';
import { pendingPushes, pushAll } from './fill.js';
import { readPid, registryAnswers, startRegistry, stopPid } from './process.js';

export const DEFAULT_MIRROR_PORT = 5000;

export interface EnsureMirrorOptions {
  stateDir: string;
  port?: number;
  onProgress: (line: string) => void;
  /** Pull-through cache of this registry instead of serving local images. */
  upstream?: string;
  upstreamUsername?: string;
  upstreamPassword?: string;
  /** The engine holding the images to push (local mode). */
  docker: Docker;
  catalog?: readonly ImageSpec[];
}

export interface MirrorInfo {
  port: number;
  mode: 'local' | 'pull-through';
}

const files = (stateDir: string) => ({
  pid: path.join(stateDir, 'registry-mirror.pid'),
  log: path.join(stateDir, 'registry-mirror.log'),
  config: path.join(stateDir, 'registry-mirror.yml'),
  pushed: path.join(stateDir, 'registry-pushed.json'),
  lock: path.join(stateDir, 'registry.lock'),
  storage: path.join(stateDir, 'registry'),
  proxyStorage: path.join(stateDir, 'registry-proxy'),
});

/** The mirror's settings from the playground's configuration. */
export function mirrorSettings(
  config: Config,
): Pick<EnsureMirrorOptions, 'stateDir' | 'port' | 'upstream' | 'upstreamUsername' | 'upstreamPassword'> {
  return {
    stateDir: config.stateDir,
    port: config.mirrorPort,
    upstream: config.mirrorUpstream,
    upstreamUsername: config.mirrorUpstreamUsername,
    upstreamPassword: config.mirrorUpstreamPassword,
  };
}

export async function ensureMirror(opts: EnsureMirrorOptions): Promise<MirrorInfo> {
  const f = files(opts.stateDir);
  await mkdir(opts.stateDir, { recursive: true });
  return withLock(f.lock, () => ensureMirrorLocked(opts), {
    onWait: (pid) => opts.onProgress(`mirror: waiting for process ${pid}, which is updating the mirror`),
  });
}

async function ensureMirrorLocked(opts: EnsureMirrorOptions): Promise<MirrorInfo> {
  const port = opts.port ?? DEFAULT_MIRROR_PORT;
  const { upstream } = opts;
  const f = files(opts.stateDir);
  const bin = await registryBinary(opts.stateDir, opts.onProgress);
  const storageDir = upstream ? f.proxyStorage : f.storage;
  await mkdir(storageDir, { recursive: true });

  if (!upstream) {
    const pushes = await pendingPushes(opts.docker, opts.catalog ?? CATALOG, storageDir, f.pushed);
    if (pushes.length) {
      opts.onProgress(`mirror: pushing ${pushes.length} image tags into ${storageDir}`);
      await pushAll({
        bin,
        stateDir: opts.stateDir,
        storageDir,
        recordFile: f.pushed,
        pushes,
        onProgress: opts.onProgress,
      });
    }
  }

  const config = registryConfig({
    storageDir,
    addr: `0.0.0.0:${port}`,
    readOnly: true,
    upstream,
    upstreamUsername: opts.upstreamUsername,
    upstreamPassword: opts.upstreamPassword,
  });
  const mode = upstream ? 'pull-through' : 'local';
  const running = await readPid(f.pid);
  const sameConfig = (await readFile(f.config, 'utf8').catch(() => '')) === config;
  // The running mirror reads storage directly (no cache configured), so new pushes need no restart.
  if (running && sameConfig && (await registryAnswers('127.0.0.1', port))) {
    opts.onProgress(`mirror: serving on port ${port} (${mode}, pid ${running})`);
    return { port, mode };
  }
  if (running) await stopPid(running);
  await writeFile(f.config, config);
  const pid = await startRegistry({
    bin,
    configFile: f.config,
    logFile: f.log,
    pidFile: f.pid,
    host: '127.0.0.1',
    port,
    detached: true,
  });
  opts.onProgress(
    `mirror: started on port ${port} (${mode}${upstream ? ` of ${upstream}` : ''}, read-only, pid ${pid})`,
  );
  return { port, mode };
}

/** Stops the mirror started from this state dir, if it runs. */
export async function stopMirror(stateDir: string): Promise<void> {
  const f = files(stateDir);
  const pid = await readPid(f.pid);
  if (pid) await stopPid(pid);
  await rm(f.pid, { force: true });
}

/**
 * Starts the mirror again with the configuration setup wrote (the supervisor, when it stops
 * answering). Under the same lock as setup, so two servers on one state dir start one mirror.
 */
export async function restartMirror(stateDir: string, port: number = DEFAULT_MIRROR_PORT): Promise<void> {
  const f = files(stateDir);
  await withLock(f.lock, async () => {
    const running = await readPid(f.pid);
    if (running && (await registryAnswers('127.0.0.1', port))) return; // another server was first
    if (running) await stopPid(running);
    const bin = await registryBinary(stateDir, () => undefined);
    await startRegistry({
      bin,
      configFile: f.config,
      logFile: f.log,
      pidFile: f.pid,
      host: '127.0.0.1',
      port,
      detached: true,
    });
  });
}

/** True when the mirror on this port answers the registry API. */
export function mirrorHealth(port: number = DEFAULT_MIRROR_PORT, host = '127.0.0.1'): Promise<boolean> {
  return registryAnswers(host, port);
}
