import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseRoute, routeHash, type Route } from '../../client/src/app/route.js';
import { routeEntry } from '../../client/src/app/route-entry.js';
import type { StoredSession } from '../../client/src/sessions/token-store.js';

test('hashes map to pages and back; anything unknown is the catalogue', () => {
  assert.deepEqual(parseRoute(''), { view: 'catalogue' });
  assert.deepEqual(parseRoute('#/'), { view: 'catalogue' });
  assert.deepEqual(parseRoute('#/play'), { view: 'play' });
  assert.deepEqual(parseRoute('#/lessons/docker-networks'), { view: 'lesson', lessonId: 'docker-networks' });
  assert.deepEqual(parseRoute('#/lessons/Bad_Id'), { view: 'catalogue' });
  assert.deepEqual(parseRoute('#/lessons/../etc'), { view: 'catalogue' });
  for (const hash of ['#/', '#/play', '#/lessons/voting-app'])
    assert.equal(routeHash(parseRoute(hash)), hash);
});

describe('what entering a page does with the sandbox this browser keeps', () => {
  const kept = (lessonId?: string): StoredSession => ({
    id: 's1',
    token: 't1',
    expiresAt: '2030-01-01T00:00:00.000Z',
    ...(lessonId ? { lessonId } : {}),
  });
  const lesson = (lessonId: string): Route => ({ view: 'lesson', lessonId });

  test('the catalogue only shows the catalogue, whatever is kept', () => {
    assert.deepEqual(routeEntry({ view: 'catalogue' }, null), { action: 'show-catalogue' });
    assert.deepEqual(routeEntry({ view: 'catalogue' }, kept('docker-basics')), { action: 'show-catalogue' });
  });

  test('a sandbox kept for the same page is resumed: a lesson, or free play', () => {
    const resume = { action: 'resume', session: { id: 's1', token: 't1' } };
    assert.deepEqual(routeEntry(lesson('docker-basics'), kept('docker-basics')), resume);
    assert.deepEqual(routeEntry({ view: 'play' }, kept()), resume);
  });

  test('a lesson with no sandbox kept starts one at once', () => {
    assert.deepEqual(routeEntry(lesson('docker-basics'), null), { action: 'start' });
  });

  test('a lesson asks before replacing a sandbox kept for another lesson or for free play', () => {
    assert.deepEqual(routeEntry(lesson('docker-basics'), kept('docker-networks')), {
      action: 'ask-replace',
      keptFor: 'docker-networks',
    });
    assert.deepEqual(routeEntry(lesson('docker-basics'), kept()), { action: 'ask-replace' });
  });

  test('free play never replaces a lesson sandbox by itself: it offers the Start button', () => {
    assert.deepEqual(routeEntry({ view: 'play' }, null), { action: 'offer-start' });
    assert.deepEqual(routeEntry({ view: 'play' }, kept('docker-basics')), { action: 'offer-start' });
  });
});
