// Creating workshops on a real playground set up as a public one would be: a workshop key
// and a small share of the machine for workshops. The refusals start no sandbox; the one
// workshop let in starts days ahead, so no ready seat starts either.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { CreatedWorkshop } from '../../common/workshops.js';
import type { RunningPlayground } from '../../server/app.js';
import { api, startTestPlayground } from '../support/playground.js';

const KEY = 'operator-workshop-key-7f3a9c';
const dir = await mkdtemp(path.join(tmpdir(), 'workshop-creation-'));
let pg: RunningPlayground;

before(async () => {
  // 8 sessions, half for workshops: 4 seats at a time.
  pg = await startTestPlayground({
    dbPath: path.join(dir, 'playground.db'),
    workshopKey: KEY,
    maxSessions: 8,
    workshopSharePercent: 50,
  });
});

after(async () => {
  await pg?.close();
  await rm(dir, { recursive: true, force: true });
});

type Refusal = { error: string; code?: string; params?: Record<string, unknown> };

test('creating needs the workshop key, and seats past the workshops’ share are refused with what fits', async () => {
  const startsAt = new Date(Date.now() + 3 * 24 * 3_600_000).toISOString();
  const request = {
    title: 'Docker networks',
    lessons: ['docker-networks'],
    seats: 5,
    startsAt,
    durationMinutes: 60,
  };
  const create = (key?: string, seats = request.seats) =>
    api<Refusal & Partial<CreatedWorkshop>>(pg.url, 'POST', '/api/workshops', key, { ...request, seats });

  const none = await create();
  assert.deepEqual([none.status, none.body.code], [401, 'workshop-key-needed']);
  const wrong = await create(`${KEY}x`);
  assert.deepEqual([wrong.status, wrong.body.code], [403, 'workshop-key-wrong']);

  const tooMany = await create(KEY);
  assert.deepEqual(
    [tooMany.status, tooMany.body.code, tooMany.body.params],
    [409, 'workshop-seats-fit', { seats: 5, fit: 4 }],
  );
  assert.match(tooMany.body.error, /4 more seats fit/);

  const made = await create(KEY, 4);
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const full = await create(KEY, 1);
  assert.deepEqual([full.status, full.body.params], [409, { seats: 1, fit: 0 }]);
  assert.equal(pg.sessions.size, 0, 'no sandbox started');

  // Ending it gives its seats back.
  const { joinCode, trainerKey } = made.body as CreatedWorkshop;
  assert.equal((await api(pg.url, 'POST', `/api/workshops/${joinCode}/end`, trainerKey)).status, 200);
  assert.equal((await create(KEY, 4)).status, 201);
});
