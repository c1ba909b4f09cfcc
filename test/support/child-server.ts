// The server as `npm start` runs it, as a child process on its own port, instance and
// database, so a test can kill it outright (SIGKILL: no shutdown code runs) and start it again.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { after } from 'node:test';
import { PROJECT_ROOT } from '../../server/app.js';

/** Bounds on waiting for a server to serve (setup finds everything in place: seconds). */
const SERVE_WITHIN_MS = 120_000;

export interface ChildServer {
  child: ChildProcess;
  url: string;
}

const children = new Set<ChildProcess>();
after(() => {
  for (const child of children) child.kill('SIGKILL');
});

/** Starts `server/main.ts` on `port` with these PLAYGROUND_* settings, once it answers /api/health. */
export async function startChildServer(port: number, env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'server/main.ts')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PLAYGROUND_PORT: String(port), PLAYGROUND_HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(...chunk.toString().split('\n'));
    tail.splice(0, Math.max(0, tail.length - 20));
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + SERVE_WITHIN_MS;
  while (Date.now() < deadline && child.exitCode === null) {
    const up = await fetch(`${url}/api/health`).then(
      (r) => r.status === 200 || r.status === 503,
      () => false,
    );
    if (up) return { child, url };
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not serve in time:\n${tail.join('\n')}`);
}

/** SIGKILL, and wait until the process is gone. */
export async function killChildServer(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
  children.delete(child);
}
