// Two small ones in a real browser: a Run that sends Ctrl-C first still runs its command when
// `top` held the terminal; and a page refused for the session's terminal limit, while shells
// of a page that went away wait out their grace period, closes the oldest of them by itself
// rather than showing a Reconnect that cannot help.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { run, waitForTerminal } from '../support/browser.js';
import { SHOTS, useBrowserPlayground } from '../support/browser-playground.js';

const env = useBrowserPlayground(undefined, { maxTerminalsPerSession: 2 });

/** Has the page's workspace run a command in pane `n`, as a lesson's Run button does. */
function runInPane(n: number, command: string, interrupt: boolean): Promise<void> {
  return env.page.evaluate(
    async ([n, command, interrupt]) => {
      const ws = document.querySelector('playground-app')?.shadowRoot?.querySelector('terminal-workspace');
      if (!ws) throw new Error('no terminal workspace on the page');
      await ws.runInPane(n, command, { interrupt });
    },
    [n, command, interrupt] as const,
  );
}

test('Run with Ctrl-C first runs its command after interrupting top', async () => {
  await env.page.goto(env.pg.url + '/#/play');
  await env.page.locator('[data-action="start"]').first().click();
  await env.page.locator('terminal-pane[data-state="ready"]').waitFor({ timeout: 90_000 });
  await waitForTerminal(env.page, /[#$] $/m);
  await run(env.page, 'top');
  await waitForTerminal(env.page, /load average|Tasks:/);
  await env.page.waitForTimeout(500);
  await runInPane(1, 'echo after-top-$((6*7))', true);
  await waitForTerminal(env.page, /^after-top-42\s*$/m, 15_000);
});

test('at the terminal limit, a page closes the oldest pane of a page that went away, unasked', async () => {
  const page = env.page;
  // Two shells (the limit): the pane above and a second one beside it.
  await page.locator('[data-action="split"]').click();
  await page.locator('terminal-pane[data-state="ready"]').nth(1).waitFor({ timeout: 30_000 });
  const session = await page.evaluate(() => {
    const stored = JSON.parse(localStorage.getItem('docker-playground.sessions.v1') ?? '{}') as {
      current?: string;
    };
    return stored.current ?? '';
  });
  assert.ok(session);

  // The page goes away (its shells wait on the server); a page that does not know them comes.
  await page.goto('about:blank');
  await page.goto(env.pg.url + '/');
  await page.evaluate((id) => localStorage.removeItem(`playground.workspace.${id}`), session);
  const detached = (): Promise<number> =>
    page.evaluate((id) => {
      const ledger = JSON.parse(localStorage.getItem(`playground.panes.${id}`) ?? '{}') as object;
      return Object.values(ledger).filter((e: { detachedAt?: number }) => e.detachedAt).length;
    }, session);
  assert.equal(await detached(), 2, 'both shells of the page that went away hold the limit');
  await page.goto(env.pg.url + '/#/play');

  // Nothing is clicked: the refused pane closes a pane of the page that went away and gets in.
  await page.locator('terminal-pane[data-state="ready"]').waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('[data-action="reconnect"]').count(), 0, 'no Reconnect that cannot help');
  assert.equal(await detached(), 1, 'the oldest pane of the page that went away was closed');
  await run(page, 'echo room-made-$((6*7))');
  await waitForTerminal(page, /^room-made-42\s*$/m);
  await page.screenshot({ path: `${SHOTS}/terminal-limit-made-room.png` });
});
