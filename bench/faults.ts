// How soon a page hears that its sandbox was lost (removed from outside the playground),
// beside how soon the engine itself reports the removal to a client following its events:
// the difference is what the playground adds between the engine and the page.
import type { SessionEvent } from '../common/events.js';
import type { RunningPlayground } from '../server/app.js';
import { followEngineEvents } from '../server/engine/engine-events.js';
import { LABEL } from '../server/sandboxes/labels.js';
import { TestEvents } from '../test/support/events-client.js';
import { api, readySession } from '../test/support/playground.js';
import { median, sleep, type Record } from './figures.js';

const ROUNDS = 3;

/** One removal: ms until the engine's own event, and until the page is told. */
async function loseOne(pg: RunningPlayground): Promise<{ engine: number; page: number }> {
  const { session, token } = await readySession(pg.url);
  const events = await TestEvents.open(pg.url, session.id, token);
  let engineAt = 0;
  const engine = followEngineEvents(pg.sandboxes.docker, {
    filters: { type: ['container'], event: ['destroy'], label: [`${LABEL.session}=${session.id}`] },
    onEvent: () => (engineAt ||= performance.now()),
  });
  try {
    for (let i = 0; i < 100 && !engine.connected; i++) await sleep(20);
    const container = (await pg.sandboxes.container(session.id, 'node1'))!;
    const t0 = performance.now();
    await container.remove({ force: true, v: true });
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
  const rounds: { engine: number; page: number }[] = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await loseOne(pg));
  record({
    name: `lost sandbox to page told, median of ${ROUNDS}`,
    value: median(rounds.map((r) => r.page)),
    unit: 'ms',
    baseline: { name: "engine's own event", value: median(rounds.map((r) => r.engine)) },
  });
}
