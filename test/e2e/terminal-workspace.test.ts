// The terminal workspace in a real browser: two hosts, a pane on each, the hosts reach each
// other by name, and a reload brings both panes (and their screens) back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { SHOTS, useBrowserPlayground } from '../support/browser-playground.js';

const env = useBrowserPlayground(async (context, pg) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: pg.url });
});

/** Calls a method of the page's <terminal-workspace>. */
function workspace<T>(page: Page, fn: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([fn, args]) => {
      const app = document.querySelector('playground-app');
      const ws = app?.shadowRoot?.querySelector('terminal-workspace') as unknown as Record<
        string,
        (...a: unknown[]) => unknown
      > | null;
      if (!ws) throw new Error('no terminal workspace on the page');
      return ws[fn as string]!(...(args as unknown[])) as T;
    },
    [fn, args] as const,
  );
}

/** The workspace's panes as it reports them. */
function panes(page: Page): Promise<{ number: number; host: string; visible: boolean }[]> {
  return page.evaluate(() => {
    const app = document.querySelector('playground-app');
    const ws = app?.shadowRoot?.querySelector('terminal-workspace');
    return ws ? ws.panes : [];
  });
}

/** Waits (bounded) until terminal pane `n` shows text matching pattern. */
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

const readyTab = (host: string) => `.tab[data-host="${host}"][data-state="ready"]`;

test('a second host gets a pane of its own, and node1 reaches node2 by name', async () => {
  await env.page.goto(env.pg.url + '/#/play');
  await env.page.locator('[data-action="start"]').first().click();
  await env.page.locator(readyTab('node1')).waitFor({ timeout: 90_000 });
  await waitForPane(env.page, 1, /[#$] $/m);

  await env.page.locator('[data-action="add-host"]').click();
  await env.page.locator('.chip[data-host="node2"]').waitFor({ timeout: 30_000 });
  await env.page.screenshot({ path: `${SHOTS}/workspace-host-starting.png` });
  // When node2 is ready the workspace opens a pane on it by itself.
  await env.page.locator(readyTab('node2')).waitFor({ timeout: 90_000 });
  assert.deepEqual(
    (await panes(env.page)).map((p) => [p.number, p.host]),
    [
      [1, 'node1'],
      [2, 'node2'],
    ],
  );
  await waitForPane(env.page, 2, /[#$] $/m);
  await workspace(env.page, 'runInPane', 2, 'echo "on $(hostname)"');
  await waitForPane(env.page, 2, /^on \S+\s*$/m);

  await workspace(env.page, 'runInPane', 1, 'ping -c 1 node2');
  const text = await waitForPane(
    env.page,
    1,
    /packets? received|packet loss|bad address|unknown host/,
    30_000,
  );
  assert.match(text, /PING node2 \(\d+\.\d+\.\d+\.\d+\)/);
  assert.match(text, /1 packets transmitted, 1 received, 0% packet loss/);

  await env.page.locator('[data-action="split"]').click();
  await env.page.waitForTimeout(300);
  await env.page.screenshot({ path: `${SHOTS}/workspace-split.png` });
});

test('a reload brings both panes back with their screens', async () => {
  const before = await env.page.evaluate(() =>
    Object.entries(localStorage).filter(([k]) => k.startsWith('playground.workspace.')),
  );
  assert.equal(before.length, 1, 'the layout is saved for the session');
  await env.page.reload();
  await env.page.locator(readyTab('node1')).waitFor({ timeout: 30_000 });
  await env.page.locator(readyTab('node2')).waitFor({ timeout: 30_000 });
  assert.equal(await env.page.locator('.tab').count(), 2);
  // The server replays each shell's screen into the pane with the same id.
  await waitForPane(env.page, 1, /1 received, 0% packet loss/);
  await waitForPane(env.page, 2, /^on \S+\s*$/m);
  await workspace(env.page, 'runInPane', 1, 'echo still-here');
  await waitForPane(env.page, 1, /^still-here\s*$/m);
  await env.page.screenshot({ path: `${SHOTS}/workspace-reloaded.png` });
});

test('Ctrl-C first stops what runs in a pane; a pane opened by number appears', async () => {
  // Interrupt only once the job runs in the foreground: a Ctrl-C typed while the shell is
  // still starting it reaches the shell, and the job would then run on undisturbed.
  await workspace(env.page, 'runInPane', 2, "sh -c 'echo job-started; exec sleep 600'");
  await waitForPane(env.page, 2, /^job-started\s*$/m);
  await workspace(env.page, 'runInPane', 2, 'echo interrupted-ok', { interrupt: true });
  await waitForPane(env.page, 2, /^interrupted-ok\s*$/m);
  await workspace(env.page, 'runInPane', 3, 'echo third-pane');
  await waitForPane(env.page, 3, /^third-pane\s*$/m);
  assert.equal(await env.page.locator('.tab').count(), 3);
});

test('closing a tab ends its shell; removing a host closes its panes', async () => {
  // Pane 3 was opened beside pane 2, on node2: what it runs must end with its tab.
  assert.equal((await panes(env.page)).find((p) => p.number === 3)?.host, 'node2');
  await workspace(env.page, 'runInPane', 3, 'sleep 4242');
  await workspace(
    env.page,
    'runInPane',
    2,
    'until pgrep -f "sleep 424[2]" >/dev/null; do sleep 0.2; done; echo sleeping',
  );
  await waitForPane(env.page, 2, /^sleeping\s*$/m);
  await env.page.locator('.tab[data-pane="3"] [data-action="close-pane"]').click();
  assert.equal(await env.page.locator('.tab').count(), 2);
  await workspace(
    env.page,
    'runInPane',
    2,
    'for i in $(seq 50); do pgrep -f "sleep 424[2]" >/dev/null || break; sleep 0.2; done; echo "left=$(pgrep -f "sleep 424[2]" | wc -l)"',
  );
  await waitForPane(env.page, 2, /^left=\d+\s*$/m);
  assert.match(await workspace<string>(env.page, 'terminalText', 2), /^left=0\s*$/m);
  await env.page.locator('.chip[data-host="node2"] [data-action="remove-host"]').click();
  await env.page.locator('[data-action="confirm-remove-host"]').click();
  await env.page.locator('.chip[data-host="node2"]').waitFor({ state: 'detached', timeout: 30_000 });
  assert.equal(await env.page.locator('.tab').count(), 1);
  assert.equal(await env.page.locator('.tab[data-host="node2"]').count(), 0);
});

test('a large paste arrives whole, in the bracketed paste mode, by right-click', async () => {
  // 40 KB in one paste: several 16 KiB input frames. Bash wraps it in bracketed paste
  // markers; a marker cut between frames would leave the prompt in paste mode or show
  // "[201~", and the count would differ.
  const word = Array.from({ length: 8000 }, (_, i) => String(i % 10).repeat(5)).join('');
  await workspace(env.page, 'runInPane', 1, 'clear');
  await env.page.evaluate((text) => navigator.clipboard.writeText(text), `echo ${word} | wc -c`);
  await env.page.locator('terminal-pane[data-state="ready"] .term').first().click({ button: 'right' });
  await waitForPane(env.page, 1, /wc -c\s*$/);
  await env.page.keyboard.press('Enter');
  await waitForPane(env.page, 1, new RegExp(`^${word.length + 1}\\s*$`, 'm'));
});

test('the page fits a phone, with tabs only', async () => {
  await env.page.setViewportSize({ width: 390, height: 844 });
  await env.page.waitForTimeout(500);
  const overflow = await env.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scroll (overflow ${overflow}px)`);
  await env.page.screenshot({ path: `${SHOTS}/workspace-mobile.png` });
});
