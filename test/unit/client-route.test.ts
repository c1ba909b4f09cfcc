import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRoute, routeHash } from '../../client/src/app/route.js';

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
