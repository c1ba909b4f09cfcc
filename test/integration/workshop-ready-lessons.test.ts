// A workshop of two lessons on the real engine: its ready seat runs the first lesson's hosts
// with the images of both lessons already pulled, since a learner moves on to the second
// lesson in the same sandbox; the learner who joins gets that seat.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { CreatedWorkshop, JoinedWorkshop } from '../../common/workshops.js';
import type { RunningPlayground } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { engineEndpoint } from '../../server/engine/connect.js';
import { LABEL } from '../../server/sandboxes/labels.js';
import { captureInSandbox } from '../../server/validation/sandbox-exec.js';
import { runInstance } from '../support/instances.js';
import { api, startTestPlayground } from '../support/playground.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'workshop-ready-'));
const lessonsDir = path.join(dir, 'lessons');
const INSTANCE = runInstance('test', 'ready-lessons');
const docker = engineEndpoint(loadConfig().dockerHost).docker;
/** Two lessons, each pulling an image the other does not. */
const LESSONS = { 'ready-one': 'alpine', 'ready-two': 'redis' } as const;
let pg: RunningPlayground | undefined;

function writeLessons(): void {
  const fixture = path.join(here, 'fixtures', 'lessons', 'quiet-step');
  for (const [order, [id, image]] of Object.entries(LESSONS).entries()) {
    const target = path.join(lessonsDir, id);
    cpSync(fixture, target, { recursive: true });
    for (const file of ['lesson.yaml', 'en.md', 'id.md']) {
      const text = readFileSync(path.join(target, file), 'utf8')
        .replace('id: quiet-step', `id: ${id}`)
        .replace('order: 1', `order: ${order + 1}`)
        .replace('images: []', `images: [${image}]`);
      writeFileSync(path.join(target, file), text);
    }
  }
}

after(async () => {
  await pg?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The images a sandbox holds, once it holds `want` (bounded wait; what it has at the deadline). */
async function imagesIn(sessionId: string, want: readonly string[], timeoutMs = 150_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const container = await pg!.sandboxes.runningContainer(sessionId, 'node1');
    const answer = container
      ? await captureInSandbox(container, ['docker', 'image', 'ls', '--format', '{{.Repository}}'], {
          timeoutMs: 10_000,
          maxBytes: 16 * 1024,
        })
      : undefined;
    const images = answer?.output.split('\n').filter(Boolean) ?? [];
    if (want.every((image) => images.includes(image)) || Date.now() > deadline) return images;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

test("a ready seat holds every lesson's images, and a learner who joins gets it", async () => {
  writeLessons();
  pg = await startTestPlayground(
    { instance: INSTANCE, dbPath: path.join(dir, 'playground.db') },
    { lessonsDir },
  );
  const created = await api<CreatedWorkshop>(pg.url, 'POST', '/api/workshops', undefined, {
    title: 'Two lessons, ready',
    lessons: Object.keys(LESSONS),
    seats: 1,
    durationMinutes: 60,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const { joinCode: code } = created.body;

  const deadline = Date.now() + 120_000;
  let seats: string[] = [];
  while (!seats.length && Date.now() < deadline) {
    // No general warm pool here: the only pooled sandbox is the workshop's seat.
    const list = await docker.listContainers({
      filters: { label: [`${LABEL.instance}=${INSTANCE}`, LABEL.pool] },
    });
    seats = list.map((c) => c.Labels[LABEL.session]!);
    if (!seats.length) await new Promise((r) => setTimeout(r, 500));
  }
  assert.equal(seats.length, 1, 'the seat has a running sandbox (one host: the first lesson has one)');
  const images = await imagesIn(seats[0]!, Object.values(LESSONS));
  for (const image of Object.values(LESSONS))
    assert.ok(images.includes(image), `${image} is pulled: ${images}`);

  const joined = await api<JoinedWorkshop>(pg.url, 'POST', `/api/workshops/${code}/join`, undefined, {
    name: 'Ani',
  });
  assert.equal(joined.status, 201, JSON.stringify(joined.body));
  assert.equal(joined.body.session?.session.id, seats[0], 'the ready seat, not a cold start');
  assert.equal(joined.body.session?.session.lessonId, 'ready-one', 'the seat starts on the first lesson');

  assert.equal(
    (await api(pg.url, 'POST', `/api/workshops/${code}/end`, created.body.trainerKey)).status,
    200,
  );
});
