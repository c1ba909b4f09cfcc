// A reload keeps everything: a background tab's shell keeps the size it had (a full-screen
// program is not garbled by a stray 80x24), and each pane gets its whole history back: as
// many lines as PLAYGROUND_TERMINAL_HISTORY_LINES says, which the pane's own scrollback follows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { SHOTS, useBrowserPlayground } from '../support/browser-playground.js';

// More than the default 5,000: the page's panes must keep what the setting says, not a number of their own.
const LINES = 8000;
const env = useBrowserPlayground(undefined, { terminalHistoryLines: LINES });

/** Calls a method of the page's <terminal-workspace>. */
function workspace<T>(page: Page, fn: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([fn, args]) => {
      const ws = document
        .querySelector('playground-app')
        ?.shadowRoot?.querySelector('terminal-workspace') as unknown as Record<
        string,
        (...a: unknown[]) => unknown
      > | null;
      if (!ws) throw new Error('no terminal workspace on the page');
      return ws[fn as string]!(...(args as unknown[])) as T;
    },
    [fn, args] as const,
  );
}

function panes(page: Page): Promise<{ number: number; visible: boolean }[]> {
  return page.evaluate(() => {
    const ws = document.querySelector('playground-app')?.shadowRoot?.querySelector('terminal-workspace');
    return ws ? ws.panes : [];
  });
}

async function waitForPane(page: Page, n: number, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = await workspace<string>(page, 'terminalText', n);
    if (pattern.test(text)) return text;
    await page.waitForTimeout(200);
  }
  throw new Error(`pane ${n} never showed ${pattern}; it shows:\n${text.slice(-800)}`);
}

/** The numbers on lines of their own, in order, as `seq` printed them. */
function seqLines(text: string): number[] {
  return text
    .split('\n')
    .filter((line) => /^\d+$/.test(line.trim()))
    .map(Number);
}

test('a reload restores a background tab at its own size with all the history the setting keeps', async () => {
  await env.page.goto(env.pg.url + '/#/play');
  await env.page.locator('[data-action="start"]').first().click();
  await env.page.locator('.tab[data-pane="1"][data-state="ready"]').waitFor({ timeout: 90_000 });
  await waitForPane(env.page, 1, /[#$] $/m);
  await env.page.locator('terminal-workspace [data-action="new-pane"]').click();
  await waitForPane(env.page, 2, /[#$] $/m);
  await workspace(env.page, 'runInPane', 2, `tty; stty size; seq 1 ${LINES}`);
  const before = await waitForPane(env.page, 2, new RegExp(`^${LINES}\\s*$`, 'm'));
  const tty = /^(\/dev\/pts\/\d+)\s*$/m.exec(before)?.[1];
  const size = /^(\d+ \d+)\s*$/m.exec(before)?.[1];
  assert.ok(tty && size, `pane 2 told its tty and size:\n${before.slice(0, 400)}`);
  assert.notEqual(size, '24 80', 'the pane is larger than the default');

  // Pane 1 in front: pane 2 is a background tab when the page comes back.
  await workspace(env.page, 'runInPane', 1, 'echo front');
  await waitForPane(env.page, 1, /^front\s*$/m);
  await env.page.reload();
  await env.page.locator('.tab[data-pane="2"][data-state="ready"]').waitFor({ timeout: 30_000 });
  assert.deepEqual(
    (await panes(env.page)).map((p) => [p.number, p.visible]),
    [
      [1, true],
      [2, false],
    ],
  );
  const restored = await waitForPane(env.page, 2, new RegExp(`^${LINES}\\s*$`, 'm'));
  const numbers = seqLines(restored);
  assert.equal(numbers.length, LINES, 'every line of history came back');
  assert.deepEqual(numbers.slice(0, 2), [1, 2]);
  assert.equal(numbers.at(-1), LINES);

  // The background shell kept its size through the reload, as its own terminal sees it.
  await workspace(env.page, 'runInPane', 1, `echo "size=$(stty -F ${tty} size)"`);
  await waitForPane(env.page, 1, /^size=\d+ \d+\s*$/m);
  assert.match(await workspace<string>(env.page, 'terminalText', 1), new RegExp(`^size=${size}\\s*$`, 'm'));
  assert.deepEqual(
    (await panes(env.page)).map((p) => p.visible),
    [true, false],
    'pane 2 was never shown',
  );
  await env.page.screenshot({ path: `${SHOTS}/reload-background-tab.png` });
});
