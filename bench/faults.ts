// How soon a page hears that its sandbox was lost (removed from outside the playground, or
// its inner daemon killed from a shell in it), beside how soon the engine itself reports the
// container's end to a client following its events: the difference is what the playground
// adds between the engine and the page.
import type Docker from 'dockerode';
import type { SessionEvent } from '../common/events.js';
import type { RunningPlayground } from '../server/app.js';
import { followEngineEvents } from '../server/engine/engine-events.js';
import { execCapture } from '../server/engine/exec.js';
import { LABEL } from '../server/sandboxes/labels.js';
import { TestEvents } from '../test/support/events-client.js';
import { api, readySession } from '../test/support/playground.js';
import { median, sleep, type Record } from './figures.js';

const ROUNDS = 3;

/** The two ways a sandbox is lost, each with the engine event that tells of it. */
const LOSSES = {
  removed: {
    event: 'destroy',
    lose: (c: Docker.Container) => c.remove({ force: true, v: true }),
  },
  // What a learner can type: dockerd is the sandbox's first process, so the sandbox stops.
  'inner daemon killed': {
    event: 'die',
    lose: (c: Docker.Container) => execCapture(c, ['sh', '-c', 'pkill dockerd']),
  },
} as const;
type Loss = keyof typeof LOSSES;

/** One loss: ms until the engine's own event, and until the page is told. */
async function loseOne(pg: RunningPlayground, loss: Loss): Promise<{ engine: number; page: number }> {
  const { session, token } = await readySession(pg.url);
  const events = await TestEvents.open(pg.url, session.id, token);
  let engineAt = 0;
  const engine = followEngineEvents(pg.sandboxes.docker, {
    filters: { type: ['container'], event: [LOSSES[loss].event], label: [`${LABEL.session}=${session.id}`] },
    onEvent: () => (engineAt ||= performance.now()),
  });
  try {
    for (let i = 0; i < 100 && !engine.connected; i++) await sleep(20);
    const container = (await pg.sandboxes.container(session.id, 'node1'))!;
    const t0 = performance.now();
    await LOSSES[loss].lose(container);
    await events.waitFor(
      (e: SessionEvent) => e.type === 'session' && e.session.hostStates.node1?.state === 'failed',
      30_000,
    );
    const page = performance.now() - t0;
    for (let i = 0; i < 100 && !engineAt; i++) await sleep(20);
    return { engine: engineAt - t0, page };
  } finally {
    engine.stop();
    events.close();
    await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token);
  }
}

export async function benchSandboxLoss(pg: RunningPlayground, record: Record): Promise<void> {
  for (const loss of Object.keys(LOSSES) as Loss[]) {
    const rounds: { engine: number; page: number }[] = [];
    for (let i = 0; i < ROUNDS; i++) rounds.push(await loseOne(pg, loss));
    record({
      name: `sandbox ${loss} to page told, median of ${ROUNDS}`,
      value: median(rounds.map((r) => r.page)),
      unit: 'ms',
      baseline: { name: "engine's own event", value: median(rounds.map((r) => r.engine)) },
    });
  }
}
