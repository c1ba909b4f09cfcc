// The shells a killed server left running: each saved pane of a live session gets the grace
// period; one reopened within it is left alone, one nobody reopened is ended and forgotten.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { graceForLeftShells } from '../../server/terminals/restart-grace.js';
import { ScreenStore, type SavedPane } from '../../server/terminals/screen-store.js';
import { FakeTimers } from '../support/fake-timers.js';

const dir = await mkdtemp(path.join(tmpdir(), 'restart-grace-'));
after(() => rm(dir, { recursive: true, force: true }));

const settle = () => new Promise((r) => setTimeout(r, 20));

test('a left shell nobody reopens within the grace period is ended and its screen removed', async () => {
  const screens = new ScreenStore(path.join(dir, 'a'));
  await screens.save('aa11', 'node1', 'paneone1', 'screen one');
  await screens.save('aa11', 'node2', 'panetwo2', 'screen two');
  await screens.save('bb22', 'node1', 'panegone', 'a session that ended');
  const timers = new FakeTimers();
  const ended: SavedPane[] = [];
  const reopened = new Set(['panetwo2']);
  const count = await graceForLeftShells(
    {
      screens,
      graceMs: 60_000,
      timers,
      reopened: (p) => reopened.has(p.paneId),
      endShell: async (p) => void ended.push(p),
    },
    (id) => id === 'aa11',
  );
  assert.equal(count, 2, "only the live session's panes");
  timers.advance(59_000);
  await settle();
  assert.deepEqual(ended, [], 'nothing ends within the grace period');
  timers.advance(1_000);
  await settle();
  assert.deepEqual(ended, [{ sessionId: 'aa11', host: 'node1', paneId: 'paneone1' }]);
  assert.equal(await screens.load('aa11', 'node1', 'paneone1'), null, 'its screen is forgotten');
  assert.equal(
    await screens.load('aa11', 'node2', 'panetwo2'),
    'screen two',
    'the reopened pane keeps its screen',
  );
});

test('a shell whose session ended meanwhile is not touched; a failing end is only logged', async () => {
  const screens = new ScreenStore(path.join(dir, 'b'));
  await screens.save('cc33', 'node1', 'panethr3', 'x');
  await screens.save('dd44', 'node1', 'panefou4', 'y');
  const timers = new FakeTimers();
  let live = new Set(['cc33', 'dd44']);
  const ended: string[] = [];
  await graceForLeftShells(
    {
      screens,
      graceMs: 1_000,
      timers,
      reopened: () => false,
      endShell: async (p) => {
        ended.push(p.paneId);
        throw new Error('the engine did not answer');
      },
    },
    (id) => live.has(id),
  );
  live = new Set(['dd44']);
  timers.advance(1_000);
  await settle();
  assert.deepEqual(ended, ['panefou4']);
});
