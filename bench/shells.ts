// The two shells the terminal figures compare: one through the playground's WebSocket, and
// a raw `docker exec` with a TTY, the baseline.
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import type { TestTerminal } from '../test/support/terminal-client.js';

export interface Shell {
  type(s: string): void;
  waitFor(re: RegExp, timeoutMs?: number): Promise<unknown>;
  clear(): void;
  readonly bytes: number;
}

export interface RawShell extends Shell {
  close(): void;
}

/** Waits until `re` matches the latest output, checking at each chunk and at least every 100 ms. */
function outputWaiter(latest: () => string, waiters: (() => void)[]) {
  return async (re: RegExp, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!re.test(latest())) {
      if (Date.now() > deadline) throw new Error(`raw shell never showed ${re}`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 100);
      });
    }
  };
}

/** A raw docker exec shell, the baseline for the terminal figures. */
export async function rawShell(container: Docker.Container): Promise<RawShell> {
  const exec = await container.exec({
    Cmd: ['bash', '--norc', '-i'],
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
    Env: ['PS1=$ '],
  });
  const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
  let out = '';
  let bytes = 0;
  const waiters: (() => void)[] = [];
  stream.on('data', (c: Buffer) => {
    bytes += c.length;
    out += c.toString('latin1');
    if (out.length > 4096) out = out.slice(-4096);
    waiters.splice(0).forEach((w) => w());
  });
  return {
    type: (s: string) => stream.write(s),
    waitFor: outputWaiter(() => out, waiters),
    clear: () => (out = ''),
    get bytes() {
      return bytes;
    },
    close: () => stream.destroy(),
  };
}

export function playgroundShell(term: TestTerminal): Shell {
  let mark = 0;
  return {
    type: (s) => term.type(s),
    // Only the newest 8 KiB are searched, so 20 MiB of output costs no more than a line.
    waitFor: (re, t) => term.waitForAfter(() => Math.max(mark, term.outputBytes - 8192), re, t),
    clear: () => (mark = term.outputBytes),
    get bytes() {
      return term.outputBytes;
    },
  };
}
