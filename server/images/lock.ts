// A lock file so that two playground processes (a server and a test run, say) never build into
// the same cache or push to the same registry storage at once. A lock left by a dead process
// is taken over.
import { open, readFile, unlink, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const inProcess = new Map<string, Promise<unknown>>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function acquire(file: string, timeoutMs: number, onWait: (pid: number) => void): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  let told = false;
  for (;;) {
    try {
      const fh = await open(file, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const pid = Number(await readFile(file, 'utf8').catch(() => ''));
    if (!pid || !alive(pid)) {
      await unlink(file).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline) throw new Error(`${file} is held by process ${pid}; gave up waiting`);
    if (!told) onWait(pid);
    told = true;
    await sleep(500);
  }
}

export async function withLock<T>(
  file: string,
  fn: () => Promise<T>,
  opts: { timeoutMs?: number; onWait?: (pid: number) => void } = {},
): Promise<T> {
  // Calls within this process queue up here; the file only arbitrates between processes.
  const previous = inProcess.get(file) ?? Promise.resolve();
  const run = previous
    .catch(() => undefined)
    .then(async () => {
      await acquire(file, opts.timeoutMs ?? 60 * 60_000, opts.onWait ?? (() => undefined));
      try {
        return await fn();
      } finally {
        await unlink(file).catch(() => undefined);
      }
    });
  inProcess.set(file, run);
  try {
    return await run;
  } finally {
    if (inProcess.get(file) === run) inProcess.delete(file);
  }
}
