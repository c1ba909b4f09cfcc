// `npm run bench`: performance figures of the playground, each beside a baseline measured
// in the same run, printed and written to bench/results/latest.json.
//
//   setup (cached)            the whole setup when nothing changed
//   sandbox start to ready    user-namespaced recipe vs the plain recipe, same engine
//   idle sandbox memory       both recipes, after the inner daemon settles
//   docker pull in a sandbox  lesson images from the registry mirror
//   keystroke echo latency    through the playground's WebSocket vs a raw docker exec
//   output throughput         the same two paths
//   Ctrl-C during `yes`       time from the keystroke to the prompt
//   reattach                  a reconnecting pane to its replayed screen vs a new shell's prompt
//   validation                check latency and command-to-green (bench/validation.ts)
//   in Chromium               Ctrl-C during `yes` and keystroke echo through the page (bench/browser.ts)
//
// Traffic goes only to loopback and the playground's own containers; every loop is bounded.
import fs from 'node:fs';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { newPaneId } from '../common/protocol.js';
import { startPlayground, type RunningPlayground } from '../server/app.js';
import { loadConfig, type Config } from '../server/config.js';
import { execCapture } from '../server/engine/exec.js';
import { SandboxManager } from '../server/sandboxes/manager.js';
import { sandboxCreateOptions } from '../server/sandboxes/recipe.js';
import { runSetup } from '../server/setup/index.js';
import { api, readySession } from '../test/support/playground.js';
import { TestTerminal } from '../test/support/terminal-client.js';
import { benchBrowser } from './browser.js';
import { benchValidation } from './validation.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const KEYSTROKES = 100;
const THROUGHPUT_BYTES = 20 * 1024 * 1024;

interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
}
const figures: Figure[] = [];

function record(f: Figure): void {
  figures.push(f);
  const ratio = f.baseline
    ? `  (${f.baseline.name}: ${fmt(f.baseline.value)} ${f.unit}, ratio ${(f.value / f.baseline.value).toFixed(2)})`
    : '';
  console.log(`${f.name.padEnd(44)} ${fmt(f.value).padStart(9)} ${f.unit}${ratio}`);
}
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function idleMemoryMiB(container: Docker.Container): Promise<number> {
  await sleep(5000); // let the inner dockerd settle
  const stats = (await container.stats({ stream: false })) as {
    memory_stats: { usage: number; stats?: { cache?: number; total_inactive_file?: number } };
  };
  const cache = stats.memory_stats.stats?.total_inactive_file ?? stats.memory_stats.stats?.cache ?? 0;
  return (stats.memory_stats.usage - cache) / 1024 / 1024;
}

/** The plain recipe on the same engine, for a side-by-side figure: no user namespace. */
async function plainSandbox(
  docker: Docker,
  config: Config,
  image: string,
  id: string,
): Promise<Docker.Container> {
  const opts = sandboxCreateOptions({
    name: `playground-bench-plain-${id}`,
    image,
    hostName: 'docker',
    network: 'bridge',
    volume: `playground-bench-plain-${id}`,
    labels: { 'io.docker-playground.bench': 'plain' },
    limits: config.limits,
    runtime: config.runtime,
    recipe: 'plain',
  });
  (opts.HostConfig as Docker.HostConfig & { UsernsMode?: string }).UsernsMode = 'host';
  delete opts.NetworkingConfig; // aliases exist only on user networks; this one is on the default bridge
  const container = await docker.createContainer(opts);
  await container.start();
  return container;
}

async function timeToReady(start: () => Promise<Docker.Container>, manager: SandboxManager) {
  const t0 = performance.now();
  const container = await start();
  await manager.waitUntilReady(container);
  return { ms: performance.now() - t0, container };
}

/** A raw docker exec shell, the baseline for the terminal figures. */
async function rawShell(container: Docker.Container) {
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
  const waitFor = async (re: RegExp, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!re.test(out)) {
      if (Date.now() > deadline) throw new Error(`raw shell never showed ${re}`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 100);
      });
    }
  };
  return {
    type: (s: string) => stream.write(s),
    waitFor,
    clear: () => (out = ''),
    get bytes() {
      return bytes;
    },
    close: () => stream.destroy(),
  };
}

interface Shell {
  type(s: string): void;
  waitFor(re: RegExp, timeoutMs?: number): Promise<unknown>;
  clear(): void;
  readonly bytes: number;
}

function playgroundShell(term: TestTerminal): Shell {
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

async function echoLatencies(shell: Shell): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < KEYSTROKES; i++) {
    const ch = String.fromCharCode(97 + (i % 26));
    shell.clear();
    const t0 = performance.now();
    shell.type(ch);
    await shell.waitFor(new RegExp(ch));
    samples.push(performance.now() - t0);
  }
  shell.type('\u0015'); // Ctrl-U: clear the typed line
  return samples;
}

async function throughputMBps(shell: Shell): Promise<number> {
  shell.clear();
  const before = shell.bytes;
  const t0 = performance.now();
  // The marker is computed by the shell, so the echo of the typed command cannot match it.
  shell.type(`head -c ${THROUGHPUT_BYTES} /dev/zero | tr '\\0' 'x'; echo; echo THROUGHPUT-$((40+2))\r`);
  await shell.waitFor(/THROUGHPUT-42/, 120_000);
  const seconds = (performance.now() - t0) / 1000;
  return (shell.bytes - before) / 1024 / 1024 / seconds;
}

async function ctrlCStopMs(shell: Shell): Promise<number> {
  shell.type('yes\r');
  await sleep(1000);
  shell.clear();
  const t0 = performance.now();
  shell.type('\u0003');
  shell.type('echo STOPPED-$((1+1))\r');
  await shell.waitFor(/STOPPED-2/, 30_000);
  return performance.now() - t0;
}

const REATTACH_ROUNDS = 10;

/**
 * A socket for a live pane, from opening to the replayed screen on it (the scrollback full
 * of `seq` output), beside a new pane from opening to its first prompt.
 */
async function reattachFigures(pg: RunningPlayground, sessionId: string, token: string) {
  const size = { cols: 120, rows: 40 };
  const pane = newPaneId();
  let term = await TestTerminal.open(pg.url, sessionId, token, { pane });
  term.start(size);
  await term.waitFor(/[#$] $/m);
  term.type('seq 1 3000; echo FILLED-$((1+1))\r');
  await term.waitForAfter(() => Math.max(0, term.outputBytes - 8192), /FILLED-2\r?\n.*[#$] $/);
  const reattach: number[] = [];
  for (let i = 0; i < REATTACH_ROUNDS; i++) {
    term.close();
    await term.closed;
    const t0 = performance.now();
    term = await TestTerminal.open(pg.url, sessionId, token, { pane });
    term.start(size);
    await term.waitFor(/FILLED-2/);
    reattach.push(performance.now() - t0);
  }
  term.closePane();
  await term.closed;
  const fresh: number[] = [];
  for (let i = 0; i < REATTACH_ROUNDS; i++) {
    const t0 = performance.now();
    const other = await TestTerminal.open(pg.url, sessionId, token, { pane: newPaneId() });
    other.start(size);
    await other.waitFor(/[#$] $/m);
    fresh.push(performance.now() - t0);
    other.closePane();
    await other.closed;
  }
  return { reattach: median(reattach), fresh: median(fresh) };
}

async function main(): Promise<void> {
  // The bench's own limits: sessions other tools left on this engine must not refuse it.
  const config: Config = {
    ...loadConfig(),
    host: '127.0.0.1',
    port: 0,
    maxSessionsPerClient: 50,
    maxSessions: 50,
  };
  const t0 = performance.now();
  const setup = await runSetup(config, () => undefined);
  record({ name: 'setup, everything cached', value: (performance.now() - t0) / 1000, unit: 's' });

  const pg = await startPlayground(config, setup);
  const manager = pg.sandboxes;
  const docker = manager.docker;
  try {
    // Sandbox start to ready, and idle memory: user-namespaced vs plain, side by side.
    const userns: number[] = [];
    const plain: number[] = [];
    let usernsMem = 0;
    let plainMem = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const id = `bench${Date.now().toString(36)}${i}`;
      const u = await timeToReady(
        () =>
          manager.create({
            sessionId: id,
            tokenHash: 'bench',
            client: 'bench',
            expiresAt: new Date(Date.now() + 600_000),
          }),
        manager,
      );
      userns.push(u.ms);
      if (i === 0) usernsMem = await idleMemoryMiB(u.container);
      await manager.destroy(id);

      const p = await timeToReady(() => plainSandbox(docker, config, setup.sandboxImage, id), manager);
      plain.push(p.ms);
      if (i === 0) plainMem = await idleMemoryMiB(p.container);
      await p.container.remove({ force: true, v: true });
      await docker
        .getVolume(`playground-bench-plain-${id}`)
        .remove()
        .catch(() => undefined);
    }
    record({
      name: `sandbox start to ready, median of ${ROUNDS}`,
      value: median(userns),
      unit: 'ms',
      baseline: { name: 'plain recipe', value: median(plain) },
    });
    record({
      name: 'idle sandbox memory',
      value: usernsMem,
      unit: 'MiB',
      baseline: { name: 'plain recipe', value: plainMem },
    });

    // Pulls and the terminal figures, in one session.
    const { session, token } = await readySession(pg.url);
    const container = (await manager.container(session.id))!;
    for (const image of ['alpine', 'redis', 'postgres:9.4', 'caylent/example-voting-app:vote']) {
      const p0 = performance.now();
      const { exitCode, output } = await execCapture(container, ['docker', 'pull', '-q', image]);
      if (exitCode !== 0) throw new Error(`docker pull ${image} failed: ${output}`);
      record({ name: `docker pull ${image} in a sandbox`, value: performance.now() - p0, unit: 'ms' });
    }

    const term = await TestTerminal.open(pg.url, session.id, token);
    term.start({ cols: 120, rows: 40 });
    await term.waitFor(/[#$] $/m);
    const raw = await rawShell(container);
    await raw.waitFor(/\$ $/);
    const viaPlayground = playgroundShell(term);

    // Each terminal figure: measured through the playground, then through the raw exec.
    const vsRaw = async <T>(measure: (shell: Shell) => Promise<T>) => ({
      playground: await measure(viaPlayground),
      raw: await measure(raw),
    });
    const recordVsRaw = (name: string, unit: string, values: { playground: number; raw: number }) =>
      record({
        name,
        value: values.playground,
        unit,
        baseline: { name: 'raw docker exec', value: values.raw },
      });

    const echo = await vsRaw(echoLatencies);
    for (const p of [50, 95]) {
      recordVsRaw(`keystroke echo p${p}`, 'ms', {
        playground: percentile(echo.playground, p),
        raw: percentile(echo.raw, p),
      });
    }
    recordVsRaw('output throughput', 'MiB/s', await vsRaw(throughputMBps));
    recordVsRaw('Ctrl-C during yes, to next prompt', 'ms', await vsRaw(ctrlCStopMs));

    raw.close();
    term.close();

    const reattach = await reattachFigures(pg, session.id, token);
    record({
      name: `reattach to replayed screen, median of ${REATTACH_ROUNDS}`,
      value: reattach.reattach,
      unit: 'ms',
      baseline: { name: 'new shell to prompt', value: reattach.fresh },
    });
    await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token);

    await benchValidation(pg, ROUNDS, record);
    await benchBrowser(pg, record);
  } finally {
    await pg.close();
  }

  const out = path.join('bench', 'results');
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, 'latest.json');
  fs.writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), figures }, null, 2));
  console.log(`\nwritten to ${file}`);
}

await main();
