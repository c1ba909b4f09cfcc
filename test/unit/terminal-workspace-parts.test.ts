// The workspace's small pure parts: clipboard keys, saved preferences, a big paste in frames,
// its shortcuts, and what its tabs and host chips show.
import { firstPaneId, PANE_ID_PATTERN } from '../../common/protocol.js';
import { firstLayoutIds, markHandedOver } from '../../client/src/terminals/first-pane.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clipboardShortcut, type KeyLike } from '../../client/src/terminals/terminal-clipboard';
import {
  clampFontSize,
  loadFontSize,
  loadLayoutJson,
  loadPaneSize,
  PANE_SIZES_KEPT,
  savePaneSize,
  MAX_FONT_SIZE,
  MIN_FONT_SIZE,
  saveFontSize,
  saveLayoutJson,
  type PrefStorage,
} from '../../client/src/terminals/workspace-storage';
import { chunkInput, encodeText, INPUT_CHUNK_BYTES } from '../../client/src/terminals/input-chunks';
import { addPane, emptyLayout, setSplit } from '../../client/src/terminals/workspace-layout';
import { leavesFullscreen, workspaceShortcut } from '../../client/src/terminals/workspace-shortcuts';
import {
  hostStateOf,
  hostTone,
  newMenuLeft,
  paneTone,
  tabViews,
} from '../../client/src/terminals/workspace-tabs';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  type: 'keydown',
  key: k,
  ctrlKey: false,
  shiftKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

test('Ctrl+Shift+C copies and Ctrl+Shift+V pastes; plain Ctrl+C and Ctrl+V stay the shell’s', () => {
  assert.equal(clipboardShortcut(key('C', { ctrlKey: true, shiftKey: true }), false, false), 'copy');
  assert.equal(clipboardShortcut(key('V', { ctrlKey: true, shiftKey: true }), false, false), 'paste');
  assert.equal(clipboardShortcut(key('c', { ctrlKey: true }), false, true), null);
  assert.equal(clipboardShortcut(key('v', { ctrlKey: true }), false, false), null);
  assert.equal(
    clipboardShortcut(key('C', { ctrlKey: true, shiftKey: true, type: 'keyup' }), false, true),
    null,
  );
  assert.equal(
    clipboardShortcut(key('C', { ctrlKey: true, shiftKey: true, altKey: true }), false, true),
    null,
  );
});

test('on a Mac, Cmd+V pastes and Cmd+C copies only a selection', () => {
  assert.equal(clipboardShortcut(key('v', { metaKey: true }), true, false), 'paste');
  assert.equal(clipboardShortcut(key('c', { metaKey: true }), true, true), 'copy');
  assert.equal(clipboardShortcut(key('c', { metaKey: true }), true, false), null);
  assert.equal(clipboardShortcut(key('v', { metaKey: true }), false, false), null, 'not a Mac');
});

class MapStorage implements PrefStorage {
  readonly map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
}

test('the font size is saved clamped, and bad or missing values fall back', () => {
  const s = new MapStorage();
  assert.equal(loadFontSize(s, 0), 0);
  saveFontSize(s, 16);
  assert.equal(loadFontSize(s, 0), 16);
  saveFontSize(s, 500);
  assert.equal(loadFontSize(s, 0), MAX_FONT_SIZE);
  assert.equal(clampFontSize(1), MIN_FONT_SIZE);
  s.map.set('playground.terminal.fontSize', 'huge');
  assert.equal(loadFontSize(s, 13), 13);
  assert.equal(loadFontSize(null, 13), 13);
});

test('storage that throws (private mode, quota) loses the preference, not the page', () => {
  const broken: PrefStorage = {
    getItem: () => {
      throw new Error('denied');
    },
    setItem: () => {
      throw new Error('quota');
    },
  };
  assert.equal(loadFontSize(broken, 14), 14);
  assert.doesNotThrow(() => saveFontSize(broken, 15));
  assert.equal(loadLayoutJson(broken, 'abc'), null);
  assert.doesNotThrow(() => saveLayoutJson(broken, 'abc', '{}'));
});

test('layouts are kept per session', () => {
  const s = new MapStorage();
  saveLayoutJson(s, 'one', '{"a":1}');
  saveLayoutJson(s, 'two', '{"b":2}');
  assert.equal(loadLayoutJson(s, 'one'), '{"a":1}');
  assert.equal(loadLayoutJson(s, 'two'), '{"b":2}');
  assert.equal(loadLayoutJson(s, 'three'), null);
});

test('a big bracketed paste goes out whole, in order, with both markers in one frame each', () => {
  const START = '\x1b[200~';
  const END = '\x1b[201~';
  // Place the end marker across the first 16 KiB boundary, and fill with multi-byte text.
  for (const fill of ['x', 'é', '€']) {
    const bodyBytes = INPUT_CHUNK_BYTES - START.length - 3;
    const body = fill.repeat(Math.ceil(bodyBytes / encodeText(fill).length));
    const pasted = `${START}${body}${END}${START}${body.repeat(3)}${END}`;
    const bytes = encodeText(pasted);
    const chunks = chunkInput(bytes);
    assert.ok(chunks.length > 1);
    assert.ok(chunks.every((c) => c.length <= INPUT_CHUNK_BYTES));
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const texts = chunks.map((c) => decoder.decode(c)); // throws if a character was cut
    assert.equal(texts.join(''), pasted, 'whole and in order');
    // Joined with a separator, a marker cut between frames would no longer be found.
    const framed = texts.join('|');
    const count = (marker: string) => framed.split(marker).length - 1;
    assert.deepEqual([count(START), count(END)], [2, 2], `no marker split between frames (${fill})`);
  }
});

test('workspace shortcuts: font size with Ctrl or Cmd, panes with Alt+PageUp/Down, Esc for an open menu', () => {
  assert.equal(workspaceShortcut(key('=', { ctrlKey: true }), false), 'font-larger');
  assert.equal(workspaceShortcut(key('+', { metaKey: true, shiftKey: true }), false), 'font-larger');
  assert.equal(workspaceShortcut(key('-', { ctrlKey: true }), false), 'font-smaller');
  assert.equal(workspaceShortcut(key('-', { ctrlKey: true, shiftKey: true }), false), null);
  assert.equal(workspaceShortcut(key('=', { ctrlKey: true, altKey: true }), false), null);
  assert.equal(workspaceShortcut(key('PageDown', { altKey: true }), false), 'next-pane');
  assert.equal(workspaceShortcut(key('PageUp', { altKey: true }), false), 'previous-pane');
  assert.equal(workspaceShortcut(key('PageUp', { altKey: true, ctrlKey: true }), false), null);
  assert.equal(workspaceShortcut(key('Escape'), true), 'close-menu');
  assert.equal(workspaceShortcut(key('Escape'), false), null, 'Esc is the shell’s when no menu is open');
  assert.equal(workspaceShortcut(key('c', { ctrlKey: true }), false), null, 'Ctrl-C is the shell’s');
  assert.equal(leavesFullscreen(key('Escape'), true), true);
  assert.equal(leavesFullscreen(key('Escape'), false), false);
});

test('tabs show each pane’s state, tone and title; hosts without a state count as ready', () => {
  let l = addPane(emptyLayout, { id: 'pane0001', host: 'node1' }, 8);
  l = addPane(l, { id: 'pane0002', host: 'node2' }, 8);
  l = setSplit(l, true);
  const tabs = tabViews(l, ['pane0002'], { pane0001: 'ready' }, { pane0002: 'vim', pane0001: '' });
  assert.deepEqual(
    tabs.map((t) => [t.number, t.state, t.tone, t.title, t.active, t.shown]),
    [
      [1, 'ready', 'ok', undefined, false, false],
      [2, 'waiting', 'busy', 'vim', true, true],
    ],
  );
  assert.deepEqual((['connecting', 'reconnecting', 'offline', 'exited', 'closed'] as const).map(paneTone), [
    'busy',
    'busy',
    'off',
    'off',
    'bad',
  ]);
  assert.equal(hostStateOf({ node2: { state: 'failed' } }, 'node1'), 'ready');
  assert.equal(hostStateOf({ node2: { state: 'failed' } }, 'node2'), 'failed');
  assert.deepEqual((['ready', 'starting', 'failed'] as const).map(hostTone), ['ok', 'busy', 'bad']);
});

test('the new-terminal menu opens after the tabs but inside the workspace', () => {
  assert.equal(newMenuLeft(2, 1440), 260);
  assert.equal(newMenuLeft(8, 700), 460);
  assert.equal(newMenuLeft(3, 200), 0);
  assert.equal(newMenuLeft(3, 0), 160, 'an unmeasured workspace counts as 400px wide');
});

test("each pane's last size is kept for a reload, bounded, and unreadable sizes are ignored", () => {
  const map = new Map<string, string>();
  const storage = {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
  };
  assert.equal(loadPaneSize(storage, 'pane1a'), null);
  savePaneSize(storage, 'pane1a', { cols: 132, rows: 41 });
  savePaneSize(storage, 'pane2b', { cols: 90, rows: 30 });
  assert.deepEqual(loadPaneSize(storage, 'pane1a'), { cols: 132, rows: 41 });
  assert.deepEqual(loadPaneSize(storage, 'pane2b'), { cols: 90, rows: 30 });
  for (let i = 0; i < PANE_SIZES_KEPT + 5; i++) savePaneSize(storage, `other${i}`, { cols: 100, rows: 20 });
  assert.equal(loadPaneSize(storage, 'pane1a'), null, 'the oldest sizes give way');
  assert.ok(JSON.parse(map.get('playground.terminal.paneSizes')!).length <= PANE_SIZES_KEPT);
  map.set(
    'playground.terminal.paneSizes',
    JSON.stringify([['x', { cols: 'wide' }], ['y', { cols: 1e9, rows: 2 }], 'z']),
  );
  assert.equal(loadPaneSize(storage, 'x'), null);
  assert.ok(loadPaneSize(storage, 'y')!.cols <= 1000, 'a size beyond the limits is clamped');
  map.set('playground.terminal.paneSizes', '{not json');
  assert.equal(loadPaneSize(storage, 'x'), null);
});

test('a session this browser was handed opens its first pane under the name its ready shell has, once', () => {
  const s = new MapStorage();
  const other = firstLayoutIds(s, 'abc123def456', 'node1', 'en');
  assert.notEqual(other(0, 'node1'), firstPaneId('abc123def456', 'en'), 'not handed over: a fresh name');
  markHandedOver(s, 'abc123def456');
  const ids = firstLayoutIds(s, 'abc123def456', 'node1', 'id');
  assert.equal(ids(0, 'node1'), firstPaneId('abc123def456', 'id'));
  assert.match(ids(0, 'node1'), PANE_ID_PATTERN);
  assert.notEqual(ids(1, 'node1'), firstPaneId('abc123def456', 'id'), 'only the first pane');
  assert.notEqual(ids(0, 'node2'), firstPaneId('abc123def456', 'id'), 'only on the first host');
  const again = firstLayoutIds(s, 'abc123def456', 'node1', 'id');
  assert.notEqual(again(0, 'node1'), firstPaneId('abc123def456', 'id'), 'the mark is used up');
  s.map.set('playground.terminal.handedOver', '{broken');
  assert.doesNotThrow(() => markHandedOver(s, 'x'));
});
