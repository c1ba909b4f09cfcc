// Workshops through a real playground's HTTP API: a trainer creates one, five learners
// join from one address, the trainer lists them with the key (and is refused without it),
// ends it; a restart keeps everything; guessing codes is cut off per address.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  JOIN_CODE_ALPHABET,
  type CreatedWorkshop,
  type JoinedWorkshop,
  type WorkshopInfo,
  type WorkshopLearners,
} from '../../common/workshops.js';
import type { RunningPlayground } from '../../server/app.js';
import { api, startTestPlayground } from '../support/playground.js';

// The playground's own database (PLAYGROUND_DB_PATH's default), as a real start uses it:
// a database of the test's own would take in the state directory's progress files.
let pg: RunningPlayground;
const NAMES = ['Ani', 'Budi', 'Citra', 'Dewi', 'Eko'];
/** Every workshop the tests create, ended at the end so none stays live. */
const created: CreatedWorkshop[] = [];

before(async () => {
  pg = await startTestPlayground();
});

after(async () => {
  for (const { joinCode, trainerKey } of created)
    await api(pg.url, 'POST', `/api/workshops/${joinCode}/end`, trainerKey);
  await pg?.close();
});

async function create(seats: number): Promise<CreatedWorkshop> {
  const request = {
    title: 'Docker networks, live',
    lessons: ['docker-networks'],
    seats,
    durationMinutes: 90,
    language: 'id',
  };
  const answer = await api<CreatedWorkshop>(pg.url, 'POST', '/api/workshops', undefined, request);
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  created.push(answer.body);
  return answer.body;
}

test('create, public info, five joins from one address, the trainer lists them, a wrong key is refused, end', async () => {
  const { joinCode, joinUrl, trainerUrl, trainerKey, workshop } = await create(5);
  assert.equal(joinUrl, `${pg.url}/#/join/${joinCode}`);
  const trainer = new URL(trainerUrl);
  assert.equal(trainer.search, '', 'no query string');
  assert.ok(!trainer.pathname.includes(trainerKey), 'the key is not in the path');
  assert.ok(trainer.hash.endsWith(`key=${trainerKey}`), 'the key rides in the fragment');
  assert.deepEqual([workshop.seats, workshop.seatsLeft, workshop.language], [5, 5, 'id']);

  const info = await api<WorkshopInfo>(pg.url, 'GET', `/api/workshops/${joinCode.toLowerCase()}`);
  assert.equal(info.status, 200);
  assert.deepEqual(
    [info.body.title, info.body.seatsLeft, info.body.ended],
    ['Docker networks, live', 5, false],
  );
  assert.ok(!JSON.stringify(info.body).includes(trainerKey));

  const joined: JoinedWorkshop[] = [];
  for (const name of NAMES) {
    const res = await api<JoinedWorkshop>(pg.url, 'POST', `/api/workshops/${joinCode}/join`, undefined, {
      name,
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    joined.push(res.body);
  }
  assert.deepEqual(
    joined.map((j) => j.seat),
    [1, 2, 3, 4, 5],
  );
  const full = await api<{ error: string }>(pg.url, 'POST', `/api/workshops/${joinCode}/join`, undefined, {
    name: 'Fajar',
  });
  assert.equal(full.status, 409);
  assert.match(full.body.error, /all 5 seats/);
  const again = await api<JoinedWorkshop>(pg.url, 'POST', `/api/workshops/${joinCode}/join`, undefined, {
    resumeToken: joined[2]!.resumeToken,
  });
  assert.deepEqual(
    [again.status, again.body.learnerId, again.body.name],
    [200, joined[2]!.learnerId, 'Citra'],
  );

  const listed = await api<WorkshopLearners>(
    pg.url,
    'GET',
    `/api/workshops/${joinCode}/learners`,
    trainerKey,
  );
  assert.equal(listed.status, 200);
  assert.deepEqual(
    listed.body.learners.map((l) => l.name),
    NAMES,
  );
  // Each seat is tied to the sandbox session its join handed out.
  assert.deepEqual(
    listed.body.learners.map((l) => l.sessionId),
    joined.map((j) => j.session?.session.id ?? null),
  );
  assert.ok(!JSON.stringify(listed.body).includes(joined[0]!.resumeToken), 'no resume tokens in the list');

  const other = await create(2);
  for (const [key, status] of [
    [undefined, 401],
    [other.trainerKey, 403],
    [joined[0]!.resumeToken, 403],
  ] as const) {
    const refused = await api(pg.url, 'GET', `/api/workshops/${joinCode}/learners`, key);
    assert.equal(refused.status, status, `key ${key}`);
    assert.equal((await api(pg.url, 'POST', `/api/workshops/${joinCode}/end`, key)).status, status);
  }

  const ended = await api<WorkshopInfo>(pg.url, 'POST', `/api/workshops/${joinCode}/end`, trainerKey);
  assert.deepEqual([ended.status, ended.body.ended], [200, true]);
  assert.equal((await api(pg.url, 'GET', `/api/workshops/${joinCode}`)).status, 404);
  const late = await api(pg.url, 'POST', `/api/workshops/${joinCode}/join`, undefined, { name: 'Gita' });
  assert.equal(late.status, 404);
  const afterEnd = await api<WorkshopLearners>(
    pg.url,
    'GET',
    `/api/workshops/${joinCode}/learners`,
    trainerKey,
  );
  assert.deepEqual(
    [afterEnd.status, afterEnd.body.learners.length],
    [200, 5],
    'the results stay the trainer’s',
  );
});

test('a restarted playground has every workshop and learner back from its database', async () => {
  const { joinCode, trainerKey } = await create(3);
  const ani = await api<JoinedWorkshop>(pg.url, 'POST', `/api/workshops/${joinCode}/join`, undefined, {
    name: 'Ani',
  });
  await pg.close();
  pg = await startTestPlayground();
  const listed = await api<WorkshopLearners>(
    pg.url,
    'GET',
    `/api/workshops/${joinCode}/learners`,
    trainerKey,
  );
  assert.deepEqual(
    listed.body.learners.map((l) => l.name),
    ['Ani'],
  );
  const back = await api<JoinedWorkshop>(pg.url, 'POST', `/api/workshops/${joinCode}/join`, undefined, {
    resumeToken: ani.body.resumeToken,
  });
  assert.deepEqual([back.status, back.body.learnerId], [200, ani.body.learnerId]);
});

// Runs on the playground the test above restarted: no miss counted yet from this address.
test('guessing codes from one address is cut off after 10 misses, real codes included, with Retry-After', async () => {
  const { joinCode } = await create(3);
  // A classroom behind one address looks its code up many times: hits cost nothing.
  for (let i = 0; i < 15; i++)
    assert.equal((await api(pg.url, 'GET', `/api/workshops/${joinCode}`)).status, 200, `lookup ${i + 1}`);
  const guesses = [...JOIN_CODE_ALPHABET.slice(0, 10)]
    .map((c) => `ZZZZZZZ${c}`)
    .filter((g) => g !== joinCode);
  for (const guess of guesses.slice(0, 10)) {
    const miss = await api(pg.url, 'GET', `/api/workshops/${guess}`);
    assert.equal(miss.status, 404, guess);
  }
  const res = await fetch(`${pg.url}/api/workshops/${joinCode}`);
  assert.equal(res.status, 429, 'even a real code: an answer would tell a hit from a miss');
  assert.match(res.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
  const join = await api(pg.url, 'POST', `/api/workshops/${joinCode}/join`, undefined, { name: 'Ani' });
  assert.equal(join.status, 429);
});
