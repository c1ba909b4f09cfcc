// This browser's ledger of a session's panes (pane-ledger.ts): attached while a page shows
// them, detached once their page went away, the oldest detached one offered to make room.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  forgetPane,
  markAttached,
  markDetached,
  oldestDetached,
} from '../../client/src/terminals/pane-ledger';

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    map,
  };
}

test('only detached panes are offered, the one detached longest ago first, never the asking pane', () => {
  const storage = memoryStorage();
  markAttached(storage, 's1', 'aaaaaa', 'node1');
  markAttached(storage, 's1', 'bbbbbb', 'node2');
  markAttached(storage, 's1', 'cccccc', 'node1');
  assert.equal(oldestDetached(storage, 's1', 'zzzzzz'), null, 'attached panes are in use');
  markDetached(storage, 's1', 'cccccc', 2000);
  markDetached(storage, 's1', 'bbbbbb', 1000);
  assert.deepEqual(oldestDetached(storage, 's1', 'zzzzzz'), { paneId: 'bbbbbb', host: 'node2' });
  assert.deepEqual(oldestDetached(storage, 's1', 'bbbbbb'), { paneId: 'cccccc', host: 'node1' });
  assert.equal(oldestDetached(storage, 's2', 'zzzzzz'), null, 'another session has its own ledger');
});

test('a pane shown again (a reload) is attached again; an ended one is forgotten', () => {
  const storage = memoryStorage();
  markAttached(storage, 's1', 'aaaaaa', 'node1');
  markDetached(storage, 's1', 'aaaaaa', 1000);
  markAttached(storage, 's1', 'aaaaaa', 'node1');
  assert.equal(oldestDetached(storage, 's1', 'x'), null);
  markDetached(storage, 's1', 'aaaaaa', 2000);
  forgetPane(storage, 's1', 'aaaaaa');
  assert.equal(oldestDetached(storage, 's1', 'x'), null);
});

test('what storage holds that is not a ledger is ignored', () => {
  const storage = memoryStorage();
  storage.map.set(
    'playground.panes.s1',
    '{"../x":{"host":"node1","detachedAt":1},"ok1234":{"detachedAt":"no"}}',
  );
  assert.equal(oldestDetached(storage, 's1', 'x'), null);
  storage.map.set('playground.panes.s1', 'not json');
  assert.equal(oldestDetached(storage, 's1', 'x'), null);
  markAttached(null, 's1', 'aaaaaa', 'node1'); // no storage: nothing kept, nothing thrown
});
