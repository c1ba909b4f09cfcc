// Starting and stopping registry processes. The mirror runs detached (it outlives the process
// that started it, so a restarted playground reuses it) and is found again through its pid file.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { childEnvironment } from '../config.js';

/** True when GET /v2/ answers 200, as every Distribution registry does. */
export async function registryAnswers(host: string, port: number, timeoutMs = 2000): Promise<boolean> {
  try {
    const res = await fetch(`http://${host}:${port}/v2/`, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

function isRegistryProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // Guards against a recycled pid: only ever signal a registry.
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('registry');
  } catch {
    return false;
  }
}

export async function readPid(pidFile: string): Promise<number | null> {
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
  return pid > 0 && isRegistryProcess(pid) ? pid : null;
}

export interface StartOptions {
  bin: string;
  configFile: string;
  logFile: string;
  /** Address to probe for readiness. */
  host: string;
  port: number;
  /** Keep running after this process exits. */
  detached: boolean;
  pidFile?: string;
  timeoutMs?: number;
}

export async function startRegistry(o: StartOptions): Promise<number> {
  const log = openSync(o.logFile, 'a');
  let exited: string | null = null;
  const child = spawn(o.bin, ['serve', o.configFile], {
    detached: o.detached,
    stdio: ['ignore', log, log],
    // Signs upload state; one instance per storage writer, so a fresh one per start is right.
    env: childEnvironment({ REGISTRY_HTTP_SECRET: randomBytes(32).toString('hex') }),
  });
  closeSync(log);
  child.on('exit', (code, signal) => {
    exited = `exited with ${signal ?? code}`;
  });
  child.on('error', (err) => {
    exited = err.message;
  });
  if (o.detached) child.unref();
  const pid = child.pid;
  if (!pid) throw new Error(`could not start ${o.bin}`);
  if (o.pidFile) await writeFile(o.pidFile, `${pid}\n`);

  const deadline = Date.now() + (o.timeoutMs ?? 15_000);
  while (Date.now() < deadline) {
    if (exited) break;
    if (await registryAnswers(o.host, o.port, 1000)) return pid;
    await sleep(100);
  }
  await stopPid(pid);
  if (o.pidFile) await rm(o.pidFile, { force: true });
  // A Go panic ends in a long stack trace; the lines that say what happened are the others.
  const tail = (await readFile(o.logFile, 'utf8').catch(() => ''))
    .split('\n')
    .filter((l) => l.trim() && !/^\s|^goroutine |^github\.com\/|^main\.main\(|^created by /.test(l))
    .slice(-6)
    .join('\n');
  throw new Error(
    `the registry on ${o.host}:${o.port} did not come up (${exited ?? 'no answer'}). ` +
      `Last lines of ${o.logFile}:\n${tail}`,
  );
}

export async function stopPid(pid: number, timeoutMs = 5000): Promise<void> {
  if (!isRegistryProcess(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRegistryProcess(pid)) return;
    await sleep(50);
  }
  if (isRegistryProcess(pid)) process.kill(pid, 'SIGKILL');
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
