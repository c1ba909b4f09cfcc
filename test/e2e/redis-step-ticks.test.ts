// In a real browser, the container-links lesson as a learner does it: a `SET` typed in
// redis-cli, the learner still in the REPL, ticks the redis-cli step with no click on Check.
// No Docker event follows the SET and no shell prompt comes back, so only the slow re-check
// timer (PLAYGROUND_RECHECK_SECONDS, short here) can have ticked it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { SHOTS, useBrowserPlayground } from '../support/browser-playground.js';

const env = useBrowserPlayground(async () => undefined, { recheckIntervalMs: 2_000 });

/** Types into pane `n` of the page's <terminal-workspace>, as the keyboard would. */
async function type(page: Page, n: number, text: string): Promise<void> {
  await page.evaluate(
    ([n, text]) => {
      const ws = document.querySelector('playground-app')?.shadowRoot?.querySelector('terminal-workspace');
      if (!ws) throw new Error('no terminal workspace on the page');
      return ws.runInPane(n, text);
    },
    [n, text] as const,
  );
}

async function waitForPane(page: Page, n: number, pattern: RegExp, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = await page.evaluate(
      (n) =>
        document
          .querySelector('playground-app')
          ?.shadowRoot?.querySelector('terminal-workspace')
          ?.terminalText(n) ?? '',
      n,
    );
    if (pattern.test(text)) return;
    await page.waitForTimeout(200);
  }
  throw new Error(`pane ${n} never showed ${pattern}; it shows:\n${text.slice(-800)}`);
}

test("a SET typed in redis-cli ticks the lesson's step while the learner stays in the REPL", async () => {
  const checks: string[] = [];
  env.page.on('request', (req) => {
    if (/\/check$/.test(new URL(req.url()).pathname)) checks.push(req.url());
  });
  await env.page.goto(env.pg.url + '/#/lessons/container-links');
  await env.page.locator('playground-app[data-session-state="ready"]').waitFor({ timeout: 90_000 });
  await env.page.locator('lesson-panel[data-load-state="ready"]').waitFor();
  await env.page.locator('lesson-panel [data-action="start"]').click();
  await waitForPane(env.page, 1, /[#$] $/m);

  await type(env.page, 1, 'docker run -d --name redis-server redis');
  await env.page
    .locator('lesson-panel [data-step-dot="start-redis"][data-state="passed"]')
    .waitFor({ timeout: 60_000 });
  await type(env.page, 1, 'docker exec -it redis-server redis-cli');
  await waitForPane(env.page, 1, /127\.0\.0\.1:6379> $/m);
  await type(env.page, 1, 'SET greeting "hello from redis-cli"');
  await waitForPane(env.page, 1, /^OK\s*$/m);

  await env.page
    .locator('lesson-panel [data-step-dot="redis-cli"][data-state="passed"]')
    .waitFor({ timeout: 15_000 });
  assert.deepEqual(checks, [], 'the Check button was never used');
  await waitForPane(env.page, 1, /127\.0\.0\.1:6379> $/m); // still in the REPL
  await env.page.screenshot({ path: `${SHOTS}/redis-cli-step-ticks.png` });
});
