// `npm run bench`: performance figures of the playground, each beside a baseline measured
// in the same run, printed and written to bench/results/latest.json.
//
//   setup (cached)            the whole setup when nothing changed
//   sandbox start to ready    user-namespaced recipe vs the plain recipe, same engine (sandboxes.ts)
//   idle sandbox memory       both recipes, after the inner daemon settles
//   docker pull in a sandbox  lesson images from the registry mirror
//   keystroke echo latency    through the playground's WebSocket vs a raw docker exec (terminal.ts)
//   output throughput         the same two paths
//   Ctrl-C during `yes`       time from the keystroke to the prompt
//   reattach                  a reconnecting pane to its replayed screen vs a new shell's prompt
//   server memory             after floods and after hostile terminal clients vs idle (memory.ts)
//   validation                check latency and command-to-green (validation.ts)
//   in Chromium               Ctrl-C during `yes` and keystroke echo through the page (browser.ts)
//   database                  a progress save vs a JSON file; workshop joins (database.ts)
//   warm sessions             a class of 30 joining with ready seats vs none, a warm claim vs a
//                             cold start, memory per ready seat (warm.ts; BENCH_WARM=0 skips it,
//                             BENCH_ONLY=warm runs it alone)
//   capacity                  sandboxes started at once until the machine refuses more, and
//                             what each costs host-wide (capacity.ts; BENCH_CAPACITY=0 skips it)
//
// Traffic goes only to loopback and the playground's own containers; every loop is bounded.
import type Docker from 'dockerode';
import { startPlayground, type RunningPlayground } from '../server/app.js';
import { loadConfig, type Config } from '../server/config.js';
import { execCapture } from '../server/engine/exec.js';
import { runSetup } from '../server/setup/index.js';
import { removeDeadRuns, runInstance } from '../test/support/instances.js';
import { api, readySession } from '../test/support/playground.js';
import { benchBrowser } from './browser.js';
import { benchCapacity } from './capacity.js';
import { benchDatabase } from './database.js';
import { record, writeResults } from './figures.js';
import { benchMemory } from './memory.js';
import { benchSandboxStarts } from './sandboxes.js';
import { benchReattach, benchShells } from './terminal.js';
import { benchValidation } from './validation.js';
import { benchWarm } from './warm.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const PULLED_IMAGES = ['alpine', 'redis', 'postgres:9.4', 'caylent/example-voting-app:vote'];

async function benchPulls(container: Docker.Container): Promise<void> {
  for (const image of PULLED_IMAGES) {
    const p0 = performance.now();
    const { exitCode, output } = await execCapture(container, ['docker', 'pull', '-q', image]);
    if (exitCode !== 0) throw new Error(`docker pull ${image} failed: ${output}`);
    record({ name: `docker pull ${image} in a sandbox`, value: performance.now() - p0, unit: 'ms' });
  }
}

/** Pulls and the terminal figures, in one session. */
async function benchOneSession(pg: RunningPlayground): Promise<void> {
  const { session, token } = await readySession(pg.url);
  const container = (await pg.sandboxes.container(session.id))!;
  await benchPulls(container);
  await benchShells(pg, { id: session.id, token }, container, record);
  await benchReattach(pg, { id: session.id, token }, record);
  await benchMemory(pg, { id: session.id, token }, record);
  await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token);
}

async function main(): Promise<void> {
  // The bench's own instance and limits: it never touches the sessions of another
  // playground on this engine, and theirs do not count against it.
  const config: Config = {
    ...loadConfig(),
    instance: runInstance('bench'),
    host: '127.0.0.1',
    port: 0,
    maxSessionsPerClient: 50,
    maxSessions: 50,
    // Figures of cold starts and capacity: the warm pool has its own playgrounds (warm.ts).
    warmSandboxes: 0,
  };
  const t0 = performance.now();
  const setup = await runSetup(config, () => undefined);
  record({ name: 'setup, everything cached', value: (performance.now() - t0) / 1000, unit: 's' });
  await removeDeadRuns(setup.endpoint.docker, config);
  if (process.env.BENCH_ONLY === 'warm') {
    await benchWarm(config, setup, record);
    console.log(`\nwritten to ${writeResults()}`);
    return;
  }

  const pg = await startPlayground(config, setup);
  try {
    await benchSandboxStarts(pg.sandboxes, config, setup.sandboxImage, ROUNDS, record);
    await benchOneSession(pg);
    await benchValidation(pg, ROUNDS, record);
    await benchBrowser(pg, record);
    await benchDatabase(record);
    await benchCapacity(pg, config, record);
    await benchWarm(config, setup, record);
  } finally {
    await pg.close();
  }
  console.log(`\nwritten to ${writeResults()}`);
}

await main();
