// `npm run bench`: performance figures of the playground, each beside a baseline measured
// in the same run, printed and written to bench/results/latest.json.
//
//   setup (cached)            the whole setup when nothing changed
//   sandbox start to ready    user-namespaced recipe vs the plain recipe, same engine (sandboxes.ts)
//   idle sandbox memory       both recipes, after the inner daemon settles
//   docker pull in a sandbox  lesson images from the registry mirror
//   keystroke echo latency    through the playground's WebSocket vs a raw docker exec (terminal.ts)
//   output throughput         the same two paths, the median of 5 rounds after a warm-up, and
//                             the machine's CPU per MiB through each
//   Ctrl-C during `yes`       time from the keystroke to the prompt
//   reattach                  a reconnecting pane to its replayed screen vs a new shell's prompt
//   lost sandbox              a sandbox removed from outside, or its inner daemon killed, to
//                             the page told, vs the engine's own event (faults.ts)
//   server memory             after floods and after hostile terminal clients vs idle (memory.ts)
//   validation                check latency and command-to-green (validation.ts)
//   in Chromium               Ctrl-C during `yes` and keystroke echo through the page (browser.ts)
//   database                  a progress save vs a JSON file; workshop joins (database.ts)
//   warm sessions             a class of 30 joining within 5 s with ready seats vs none, a warm claim vs a
//                             cold start, memory per ready seat, the trainer's grid turning a
//                             step done vs the learner's own result (warm.ts, class-grid.ts;
//                             BENCH_WARM=0 skips it, `npm run bench -- warm` runs it alone)
//   capacity                  sandboxes started at once until the machine refuses more (at
//                             most BENCH_CAPACITY_MAX, 40), what each costs host-wide beside
//                             its own memory, and how many idle ones fit the machine
//                             (capacity.ts; BENCH_CAPACITY=0 skips it)
//
// `npm run bench -- shells memory` runs only the modules named (see MODULES below).
// Traffic goes only to loopback and the playground's own containers; every loop is bounded.
import type Docker from 'dockerode';
import { startPlayground, type RunningPlayground } from '../server/app.js';
import { loadConfig, type Config } from '../server/config.js';
import { execCapture } from '../server/engine/exec.js';
import { runSetup, type SetupResult } from '../server/setup/index.js';
import { removeDeadRuns, runDatabase, runInstance } from '../test/support/instances.js';
import { api, readySession } from '../test/support/playground.js';
import { benchBrowser } from './browser.js';
import { benchCapacity } from './capacity.js';
import { benchDatabase } from './database.js';
import { benchSandboxLoss } from './faults.js';
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

/** A module that needs one ready session of its own. */
type SessionModule = (
  pg: RunningPlayground,
  session: { id: string; token: string },
  container: Docker.Container,
) => Promise<void>;

const inSession =
  (measure: SessionModule) =>
  async (pg: RunningPlayground): Promise<void> => {
    const { session, token } = await readySession(pg.url);
    const container = (await pg.sandboxes.container(session.id))!;
    await measure(pg, { id: session.id, token }, container);
    await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token);
  };

/**
 * The modules, in the order they run. `npm run bench -- shells memory` runs only those
 * named (setup is always measured: the playground needs it).
 */
type Module = (pg: RunningPlayground, config: Config, setup: SetupResult) => Promise<void>;
const MODULES: { [name: string]: Module } = {
  sandboxes: (pg, config, setup) =>
    benchSandboxStarts(pg.sandboxes, config, setup.sandboxImage, ROUNDS, record),
  pulls: inSession((_pg, _session, container) => benchPulls(container)),
  shells: inSession((pg, session, container) => benchShells(pg, session, container, record)),
  reattach: inSession((pg, session) => benchReattach(pg, session, record)),
  memory: inSession((pg, session) => benchMemory(pg, session, record)),
  faults: (pg) => benchSandboxLoss(pg, record),
  validation: (pg) => benchValidation(pg, ROUNDS, record),
  browser: (pg) => benchBrowser(pg, record),
  database: () => benchDatabase(record),
  capacity: (pg, config) => benchCapacity(pg, config, record),
  // Playgrounds of its own, with and without ready sessions (warm.ts).
  warm: (_pg, config, setup) => benchWarm(config, setup, record),
};

function chosenModules(args: string[]): string[] {
  const unknown = args.filter((a) => !(a in MODULES));
  if (unknown.length)
    throw new Error(`no bench module ${unknown.join(', ')}; there are: ${Object.keys(MODULES).join(', ')}`);
  return args.length ? Object.keys(MODULES).filter((m) => args.includes(m)) : Object.keys(MODULES);
}

async function main(): Promise<void> {
  const chosen = chosenModules(process.argv.slice(2));
  // The bench's own instance, database and limits: it never touches the sessions or
  // workshops of another playground on this engine, and theirs do not count against it.
  const instance = runInstance('bench');
  const config: Config = {
    ...loadConfig(),
    instance,
    dbPath: runDatabase(instance),
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

  const pg = await startPlayground(config, setup);
  try {
    for (const name of chosen) await MODULES[name]!(pg, config, setup);
  } finally {
    await pg.close();
  }
  console.log(`\nwritten to ${writeResults()}`);
}

await main();
