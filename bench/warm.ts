// Sessions started ahead, for `npm run bench`:
//   join burst       BENCH_JOIN_BURST learners (30) join a workshop within BENCH_JOIN_SPREAD_MS
//                    (5 s; 0: all at once): time from the join
//                    to a shell prompt with every seat ready, beside the same joins with none
//   warm claim       POST /api/sessions to a prompt with the general warm pool, beside a cold start
//   ready seat       host-wide memory per ready seat, and how many fit this machine
//   trainer's grid   the class's step turning done on the trainer's socket (class-grid.ts)
// Each figure comes from playgrounds of its own (own instance, own database file). Waits are
// bounded; every session and workshop is ended. BENCH_WARM=0 leaves it all out.
import { DEFAULT_LANGUAGE } from '../common/lesson.js';
import { firstPaneId } from '../common/protocol.js';
import { readFile } from 'node:fs/promises';
import type { CreatedSession } from '../common/api.js';
import type { CreatedWorkshop, JoinedWorkshop } from '../common/workshops.js';
import { startPlayground, type RunningPlayground } from '../server/app.js';
import type { Config } from '../server/config.js';
import { engineEndpoint } from '../server/engine/connect.js';
import { LABEL } from '../server/sandboxes/labels.js';
import { parseMemAvailable } from '../server/sandboxes/machine.js';
import type { SetupResult } from '../server/setup/index.js';
import { runDatabase, runInstance } from '../test/support/instances.js';
import { api } from '../test/support/playground.js';
import { TestTerminal } from '../test/support/terminal-client.js';
import { benchClassGrid, GRID_LESSON, GRID_LESSONS_DIR, type Seated } from './class-grid.js';
import { median, percentile, sleep, type Record } from './figures.js';
import { sandboxMemoryMiB } from './sandboxes.js';

/** Learners in the burst; a shared or small machine runs fewer (BENCH_JOIN_BURST=10). */
const BURST = Number(process.env.BENCH_JOIN_BURST || 30);
/** The burst's joins arrive evenly within this window, as a class clicking one link does. */
const SPREAD_MS = Number(process.env.BENCH_JOIN_SPREAD_MS ?? 5_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
/** Seats start a few at a time (about 8 s each on this machine under load): 30 take minutes. */
const READY_WITHIN_MS = 600_000;
const PROMPT_WITHIN_MS = 180_000;
const SETTLE_MS = 5_000;
const MiB = 1024 * 1024;
const SEAT_DISK_BYTES = 1024 * MiB;
/** The playground with ready seats and a warm pool (its instance is bench-<pid>-warm). */
const WARM_TAG = 'warm';

/** A playground of its own for one figure: `tag` names its instance and database. */
function playground(config: Config, setup: SetupResult, tag: string, extra: Partial<Config>) {
  const limits = { maxSessions: BURST + 10, maxSandboxes: BURST + 10, maxSessionsPerClient: BURST + 10 };
  // A class's sandboxes need little disk each: at the default 4 GiB, this disk holds 15.
  const small = { ...config.limits, diskBytes: SEAT_DISK_BYTES };
  return startPlayground(
    {
      ...config,
      instance: runInstance('bench', tag),
      dbPath: runDatabase(runInstance('bench', tag)),
      ...limits,
      limits: small,
      ...extra,
    },
    setup,
    { lessonsDir: GRID_LESSONS_DIR },
  );
}

/** Time from `request` to a shell prompt through the session's terminal socket (ms). */
async function toPrompt(
  pg: RunningPlayground,
  request: () => Promise<CreatedSession | null>,
  answered?: (ms: number) => void,
): Promise<number> {
  const t0 = performance.now();
  const created = await request();
  if (!created) throw new Error('no session was given');
  answered?.(performance.now() - t0);
  // The page's first pane: a ready seat's shell was started ahead under this name.
  const pane = firstPaneId(created.session.id, DEFAULT_LANGUAGE);
  const term = await TestTerminal.open(pg.url, created.session.id, created.token, { pane });
  try {
    term.start();
    await term.waitFor(/[#$] $/m, PROMPT_WITHIN_MS);
    return performance.now() - t0;
  } finally {
    term.close();
  }
}

/** Bounded wait until `done` holds, polled. */
async function until(
  done: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = READY_WITHIN_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

const readySandboxes = (pg: RunningPlayground) => pg.sessions.census().sandboxes.ready ?? 0;
const startingSandboxes = (pg: RunningPlayground) => pg.sessions.census().sandboxes.starting ?? 0;

async function newSession(pg: RunningPlayground): Promise<CreatedSession> {
  const { status, body } = await api<CreatedSession>(pg.url, 'POST', '/api/sessions', undefined, {});
  if (status !== 201) throw new Error(`POST /api/sessions answered ${status}`);
  return body;
}

/** ROUNDS sessions to a prompt, one at a time, each ended before the next (the pool refilled). */
async function sessionRounds(pg: RunningPlayground, warm: boolean): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    if (warm) await until(() => readySandboxes(pg) >= 2 && startingSandboxes(pg) === 0, 'warm pool');
    let created: CreatedSession | undefined;
    times.push(await toPrompt(pg, async () => (created = await newSession(pg))));
    await api(pg.url, 'DELETE', `/api/sessions/${created!.session.id}`, created!.token);
  }
  return times;
}

async function memAvailable(): Promise<number> {
  return parseMemAvailable(await readFile('/proc/meminfo', 'utf8')) ?? 0;
}

/** A workshop of BURST seats starting now, on `pg`; its code and trainer key. */
async function workshop(pg: RunningPlayground, startsInMs: number): Promise<CreatedWorkshop> {
  const startsAt = new Date(Date.now() + startsInMs).toISOString();
  const body = { title: 'Bench class', lessons: [GRID_LESSON], seats: BURST, startsAt, durationMinutes: 60 };
  const { status, body: created } = await api<CreatedWorkshop>(
    pg.url,
    'POST',
    '/api/workshops',
    undefined,
    body,
  );
  if (status !== 201) throw new Error(`POST /api/workshops answered ${status}`);
  return created;
}

/** BURST learners join within SPREAD_MS; each one's time from its join to a prompt, and their seats. */
async function joinBurst(
  pg: RunningPlayground,
  code: string,
): Promise<{ times: number[]; answers: number[]; seated: Seated[] }> {
  const seated: Seated[] = [];
  const answers: number[] = [];
  const join = async (n: number) => {
    const { body } = await api<JoinedWorkshop>(pg.url, 'POST', `/api/workshops/${code}/join`, undefined, {
      name: `Learner ${n}`,
    });
    if (body.session) seated.push({ learnerId: body.learnerId, session: body.session });
    return body.session;
  };
  // A join that never reaches a prompt (a sandbox that failed to start on a loaded machine)
  // is counted and left out of the times, so one failure does not lose the other figures.
  const tries = Array.from({ length: BURST }, async (_, n) => {
    await sleep((n * SPREAD_MS) / BURST);
    return toPrompt(
      pg,
      () => join(n),
      (ms) => answers.push(ms),
    ).catch(() => NaN);
  });
  const times = (await Promise.all(tries)).filter((t) => !Number.isNaN(t));
  return { times, answers, seated };
}

function recordBurst(name: string, ready: number[], cold: number[], record: Record): void {
  record({
    name: `${name} got a prompt`,
    value: ready.length,
    unit: `of ${BURST}`,
    baseline: { name: 'no ready seats', value: cold.length },
  });
  for (const [label, pick] of [
    ['p50', median],
    ['p95', (xs: number[]) => percentile(xs, 95)],
    ['max', (xs: number[]) => Math.max(...xs)],
  ] as const) {
    record({
      name: `${name} ${label}`,
      value: pick(ready) / 1000,
      unit: 's',
      baseline: { name: 'no ready seats', value: pick(cold) / 1000 },
    });
  }
}

/** The burst with no ready seats (a workshop past its unclaimed time gives only cold starts). */
async function coldFigures(
  config: Config,
  setup: SetupResult,
): Promise<{ burst: number[]; single: number[] }> {
  const pg = await playground(config, setup, 'cold', { warmSandboxes: 0, seatsUnclaimedMs: 0 });
  try {
    const single = await sessionRounds(pg, false);
    const { joinCode, trainerKey } = await workshop(pg, 0);
    const { times: burst } = await joinBurst(pg, joinCode);
    await api(pg.url, 'POST', `/api/workshops/${joinCode}/end`, trainerKey);
    return { burst, single };
  } finally {
    await pg.close();
  }
}

/** The mean memory of the workshop's ready seats' sandboxes, each in its own cgroup (MiB). */
async function seatsMemoryMiB(config: Config, tag: string, code: string): Promise<number> {
  const docker = engineEndpoint(config.dockerHost).docker;
  const list = await docker.listContainers({
    filters: { label: [`${LABEL.instance}=${runInstance('bench', tag)}`, LABEL.pool] },
  });
  const seats = list.filter((c) => c.Labels[LABEL.pool]?.startsWith('workshop-'));
  if (!seats.length) throw new Error(`workshop ${code}: no ready seat to measure`);
  const each = await Promise.all(seats.map((c) => sandboxMemoryMiB(docker.getContainer(c.Id))));
  return each.reduce((a, b) => a + b, 0) / each.length;
}

export async function benchWarm(config: Config, setup: SetupResult, record: Record): Promise<void> {
  if (process.env.BENCH_WARM === '0') return;
  const cold = await coldFigures(config, setup);
  // Printed at once: on a loaded machine the warm half may not finish within its time.
  const coldBurst = cold.burst.map((ms) => ms / 1000).sort((a, b) => a - b);
  console.log(
    `join burst with no ready seats: ${coldBurst.length} of ${BURST} got a prompt (s): ${coldBurst}`,
  );
  const pg = await playground(config, setup, WARM_TAG, { warmSandboxes: 2 });
  try {
    const warm = await sessionRounds(pg, true);
    record({
      name: 'warm claim to prompt (median)',
      value: median(warm),
      unit: 'ms',
      baseline: { name: 'cold start', value: median(cold.single) },
    });
    await until(() => readySandboxes(pg) >= 2 && startingSandboxes(pg) === 0, 'warm pool');
    await sleep(SETTLE_MS);
    const before = await memAvailable();
    const { joinCode, trainerKey } = await workshop(pg, 5 * 60_000); // within the lead time
    await until(() => readySandboxes(pg) >= BURST + 2 && startingSandboxes(pg) === 0, 'ready seats');
    await sleep(SETTLE_MS);
    const after = await memAvailable();
    const hostPerSeat = (before - after) / BURST;
    const ownPerSeat = (await seatsMemoryMiB(config, WARM_TAG, joinCode)) * MiB;
    // The host-wide drop counts every process on the machine: others' work moves it either way.
    record({
      name: 'memory per ready seat (its own cgroup)',
      value: ownPerSeat / MiB,
      unit: 'MiB',
      baseline: { name: 'host-wide drop per seat', value: hostPerSeat / MiB },
    });
    // Memory alone: the per-user kernel limits and PLAYGROUND_MAX_SANDBOXES bound it further.
    const perSeat = Math.max(ownPerSeat, hostPerSeat);
    const room = BURST + Math.floor((after - config.reserve.memoryBytes) / perSeat);
    record({ name: 'ready seats that fit this memory', value: room, unit: 'seats' });
    const { times: burst, answers, seated } = await joinBurst(pg, joinCode);
    recordBurst(`join burst of ${BURST} to prompt,`, burst, cold.burst, record);
    // Where the time goes: the join's answer (a ready seat handed over), the rest is the shell.
    record({
      name: `join burst of ${BURST}, join answered p50`,
      value: median(answers),
      unit: 'ms',
      baseline: { name: 'to prompt', value: median(burst) },
    });
    await benchClassGrid(pg, joinCode, trainerKey, seated, record);
    await api(pg.url, 'POST', `/api/workshops/${joinCode}/end`, trainerKey);
  } finally {
    await pg.close();
  }
}
