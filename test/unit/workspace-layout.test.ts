import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  activatePane,
  addPane,
  closePane,
  canSplitAt,
  cyclePane,
  emptyLayout,
  hostForPane,
  initialLayout,
  isPaneId,
  keepHosts,
  LayoutError,
  nextPaneNumber,
  paneByNumber,
  parseLayout,
  removeHostPanes,
  serializeLayout,
  setSplit,
  shownPanes,
  splitMode,
  toggleSplit,
  visiblePanes,
  type WorkspaceLayout,
} from '../../client/src/terminals/workspace-layout';
import { newPaneId } from '../../common/protocol';

const HOSTS = ['node1', 'node2'];
const MAX = 8;

/** Ids that are valid pane ids and easy to read in assertions. */
function ids() {
  let n = 0;
  return () => `pane000${++n}`;
}

function withPanes(...hosts: string[]): WorkspaceLayout {
  const id = ids();
  return hosts.reduce((l, host) => addPane(l, { id: id(), host }, MAX), emptyLayout);
}

test('adding panes numbers them 1, 2, 3 and activates the newest', () => {
  const l = withPanes('node1', 'node2', 'node1');
  assert.deepEqual(
    l.panes.map((p) => [p.id, p.host, p.number]),
    [
      ['pane0001', 'node1', 1],
      ['pane0002', 'node2', 2],
      ['pane0003', 'node1', 3],
    ],
  );
  assert.equal(l.active, 'pane0003');
  assert.deepEqual(visiblePanes(l), ['pane0003']);
});

test('a closed pane frees its number for the next pane; other numbers stay', () => {
  let l = withPanes('node1', 'node1', 'node1');
  l = closePane(l, 'pane0002');
  assert.deepEqual(
    l.panes.map((p) => p.number),
    [1, 3],
  );
  assert.equal(nextPaneNumber(l), 2);
  l = addPane(l, { id: 'pane0009', host: 'node2' }, MAX);
  assert.equal(paneByNumber(l, 2)?.id, 'pane0009');
  assert.deepEqual(
    l.panes.map((p) => p.number),
    [1, 2, 3],
    'tabs stay in number order',
  );
});

test('closing the active pane activates the one left of it, and the last pane leaves none', () => {
  let l = withPanes('node1', 'node1', 'node1');
  l = activatePane(l, 'pane0002');
  l = closePane(l, 'pane0002');
  assert.equal(l.active, 'pane0001');
  l = closePane(l, 'pane0001');
  assert.equal(l.active, 'pane0003');
  l = closePane(l, 'pane0003');
  assert.equal(l.active, null);
  assert.deepEqual(visiblePanes(l), []);
});

test('the pane limit is enforced, as are unique ids and numbers', () => {
  let l = emptyLayout;
  for (let i = 0; i < 3; i++) l = addPane(l, { id: `pane000${i}`, host: 'node1' }, 3);
  assert.throws(() => addPane(l, { id: 'pane0099', host: 'node1' }, 3), LayoutError);
  const two = withPanes('node1', 'node1');
  assert.throws(() => addPane(two, { id: 'pane0001', host: 'node1' }, MAX), /exists/);
  assert.throws(() => addPane(two, { id: 'pane0099', host: 'node1', number: 2 }, MAX), /taken/);
  assert.equal(addPane(two, { id: 'pane0099', host: 'node1', number: 5 }, MAX).panes[2]?.number, 5);
});

test('split shows the active pane beside its neighbour; a new pane takes the other side', () => {
  let l = withPanes('node1', 'node2', 'node1');
  l = activatePane(l, 'pane0001');
  l = setSplit(l, true);
  assert.deepEqual(visiblePanes(l), ['pane0001', 'pane0002']);
  l = addPane(l, { id: 'pane0004', host: 'node2' }, MAX);
  assert.equal(l.active, 'pane0004');
  assert.deepEqual(visiblePanes(l), ['pane0001', 'pane0004'], 'what was active stays on screen');
  // Activating the shown partner swaps focus; activating a hidden tab replaces the active one.
  l = activatePane(l, 'pane0001');
  assert.deepEqual(visiblePanes(l), ['pane0001', 'pane0004']);
  l = activatePane(l, 'pane0003');
  assert.deepEqual(visiblePanes(l), ['pane0003', 'pane0004']);
  l = setSplit(l, false);
  assert.deepEqual(visiblePanes(l), ['pane0003']);
});

test('split with one pane shows it alone until a second exists', () => {
  let l = setSplit(withPanes('node1'), true);
  assert.deepEqual(visiblePanes(l), ['pane0001']);
  l = addPane(l, { id: 'pane0002', host: 'node1' }, MAX);
  assert.deepEqual(visiblePanes(l), ['pane0001', 'pane0002']);
  l = closePane(l, 'pane0001');
  assert.deepEqual(visiblePanes(l), ['pane0002']);
});

test('closing a shown pane in split mode brings in a hidden one', () => {
  let l = setSplit(withPanes('node1', 'node1', 'node1'), true);
  l = activatePane(l, 'pane0001');
  assert.deepEqual(visiblePanes(l), ['pane0001', 'pane0003']);
  l = closePane(l, 'pane0003');
  assert.deepEqual(visiblePanes(l), ['pane0001', 'pane0002']);
});

test('removing a host closes exactly its panes', () => {
  let l = withPanes('node1', 'node2', 'node2', 'node1');
  l = activatePane(l, 'pane0002');
  l = removeHostPanes(l, 'node2');
  assert.deepEqual(
    l.panes.map((p) => p.id),
    ['pane0001', 'pane0004'],
  );
  assert.equal(l.active, 'pane0001');
  assert.deepEqual(removeHostPanes(l, 'node9'), l);
});

test('cycling moves through tabs and wraps', () => {
  let l = withPanes('node1', 'node1', 'node1');
  l = cyclePane(l, 1);
  assert.equal(l.active, 'pane0001');
  l = cyclePane(l, -1);
  assert.equal(l.active, 'pane0003');
});

test('a layout survives serialize and parse exactly', () => {
  let l = setSplit(withPanes('node1', 'node2', 'node1'), true);
  l = activatePane(l, 'pane0002');
  assert.deepEqual(parseLayout(serializeLayout(l), HOSTS, MAX), l);
});

test('restoring drops panes on hosts that are gone, and bad or foreign data', () => {
  const l = withPanes('node1', 'node2', 'node3');
  const restored = parseLayout(serializeLayout(l), HOSTS, MAX);
  assert.deepEqual(
    restored?.panes.map((p) => p.host),
    ['node1', 'node2'],
  );
  assert.equal(restored?.active, 'pane0001', 'the active pane was on the removed host');
  assert.equal(parseLayout(serializeLayout(l), ['node3'], MAX)?.panes.length, 1);
  assert.equal(parseLayout(serializeLayout(l), [], MAX), null);
  assert.equal(parseLayout(serializeLayout(l), HOSTS, 1)?.panes.length, 1, 'at most the limit');
  for (const bad of [
    null,
    '',
    '{',
    'null',
    '[]',
    '{"v":2,"panes":[]}',
    '{"v":1,"panes":[{"id":"x","host":"node1","number":1}]}',
    '{"v":1,"panes":[{"id":"pane0001","host":"node1","number":0}]}',
    '{"v":1,"panes":[{"id":"pane0001","host":"node1","number":1.5}]}',
    '{"v":1,"panes":[{"id":"../../etc","host":"node1","number":1}]}',
  ]) {
    assert.equal(parseLayout(bad, HOSTS, MAX), null, `refuses ${bad}`);
  }
  const dup =
    '{"v":1,"panes":[{"id":"pane0001","host":"node1","number":1},{"id":"pane0001","host":"node2","number":2}]}';
  assert.equal(parseLayout(dup, HOSTS, MAX)?.panes.length, 1, 'duplicate ids keep the first');
});

test('the first layout follows the lesson, numbering its panes 1..n, else one pane', () => {
  const lesson = initialLayout([{ host: 'node1' }, { host: 'node2' }], HOSTS, ids(), MAX);
  assert.deepEqual(
    lesson.panes.map((p) => [p.host, p.number]),
    [
      ['node1', 1],
      ['node2', 2],
    ],
  );
  assert.equal(lesson.active, 'pane0001');
  assert.deepEqual(visiblePanes(lesson), ['pane0001', 'pane0002'], 'several lesson panes start split');

  const gap = initialLayout([{ host: 'node9' }, { host: 'node2' }], HOSTS, ids(), MAX);
  assert.deepEqual(
    gap.panes.map((p) => [p.host, p.number]),
    [['node2', 2]],
    'a pane on an unknown host keeps its number free',
  );
  const plain = initialLayout(undefined, HOSTS, ids(), MAX);
  assert.deepEqual(
    plain.panes.map((p) => [p.host, p.number]),
    [['node1', 1]],
  );
  assert.equal(plain.split, false);
  assert.deepEqual(initialLayout([], [], ids(), MAX), emptyLayout);
});

test('only ids the server accepts are valid pane ids', () => {
  assert.ok(isPaneId(newPaneId()));
  assert.ok(isPaneId('pane0001'));
  for (const bad of ['', 'abc', 'Pane0001', 'pane-0001', '../../etc', 'a'.repeat(33), 42, null]) {
    assert.equal(isPaneId(bad), false, `refuses ${String(bad)}`);
  }
});

test('split view is side by side when wide, stacked when narrower, tabs only on a phone', () => {
  const split = setSplit(withPanes('node1', 'node2'), true);
  assert.equal(splitMode(split, false, 1440), 'side-by-side');
  assert.equal(splitMode(split, false, 899), 'stacked');
  assert.equal(splitMode(split, false, 600), 'stacked');
  assert.equal(splitMode(split, false, 599), 'none');
  assert.equal(splitMode(split, true, 1440), 'none', 'full screen shows one pane');
  assert.equal(splitMode(setSplit(split, false), false, 1440), 'none');
  assert.equal(shownPanes(split, 'side-by-side').length, 2);
  assert.deepEqual(shownPanes(split, 'none'), [split.active]);
  assert.equal(canSplitAt(0), true, 'not measured yet');
  assert.equal(canSplitAt(599), false);
  assert.equal(canSplitAt(600), true);
});

test('splitting a lone pane opens a second on its host, within the limit', () => {
  const one = withPanes('node2');
  const split = toggleSplit(one, 'node1', () => 'pane0099', MAX);
  assert.equal(split.split, true);
  assert.deepEqual(
    split.panes.map((p) => [p.id, p.host]),
    [
      ['pane0001', 'node2'],
      ['pane0099', 'node2'],
    ],
  );
  assert.equal(visiblePanes(split).length, 2);
  assert.equal(toggleSplit(split, 'node1', ids(), MAX).split, false, 'toggling again only leaves split view');
  const atLimit = toggleSplit(one, 'node1', ids(), 1);
  assert.equal(atLimit.split, true);
  assert.equal(atLimit.panes.length, 1, 'no pane beyond the limit');
  const none = toggleSplit(emptyLayout, 'node1', () => 'pane0042', MAX);
  assert.deepEqual(
    none.panes.map((p) => p.host),
    ['node1'],
    'with no pane, the first host gets one',
  );
});

test('a workspace limited to 2 terminals refuses a third pane', () => {
  const two = withPanes('node1', 'node2');
  assert.throws(() => addPane(two, { id: 'pane0099', host: 'node1' }, 2), LayoutError);
  assert.equal(
    initialLayout([{ host: 'node1' }, { host: 'node1' }, { host: 'node2' }], HOSTS, ids(), 2).panes.length,
    2,
  );
  const saved = serializeLayout(withPanes('node1', 'node2', 'node1'));
  assert.equal(parseLayout(saved, HOSTS, 2)?.panes.length, 2);
});

test('panes on hosts that went away go with them; the same layout comes back when none did', () => {
  const l = withPanes('node1', 'node2', 'node1');
  assert.equal(keepHosts(l, HOSTS), l);
  assert.deepEqual(
    keepHosts(l, ['node1']).panes.map((p) => p.number),
    [1, 3],
  );
});

test('a missing pane opens on the lesson’s host for it, else the active pane’s, else the first', () => {
  const l = withPanes('node2');
  const lesson = [{ host: 'node1' }, { host: 'node3' }];
  assert.equal(hostForPane(l, 1, lesson, HOSTS), 'node1');
  assert.equal(hostForPane(l, 2, lesson, HOSTS), 'node2', 'node3 is not a host of the session');
  assert.equal(hostForPane(emptyLayout, 5, undefined, HOSTS), 'node1');
  assert.equal(hostForPane(emptyLayout, 1, undefined, []), undefined);
});
