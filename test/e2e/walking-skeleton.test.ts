// The whole path in a real browser: open the page, start a sandbox, and use real docker.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { run, waitForTerminal } from '../support/browser.js';
import { SHOTS, useBrowserPlayground } from '../support/browser-playground.js';

const env = useBrowserPlayground();

test('start a sandbox from the page and run a container in it', async () => {
  await env.page.goto(env.pg.url + '/#/play');
  await env.page.locator('playground-app[data-session-state="idle"]').waitFor();
  await env.page.screenshot({ path: `${SHOTS}/idle.png` });
  await env.page.locator('[data-action="start"]').first().click();
  await env.page.locator('terminal-pane[data-state="ready"]').waitFor({ timeout: 90_000 });
  await waitForTerminal(env.page, /[#$] $/m);

  await run(env.page, 'docker run --rm alpine echo hello');
  await waitForTerminal(env.page, /^hello\s*$/m, 60_000);
  await env.page.screenshot({ path: `${SHOTS}/ready.png` });
});

test('containers on a user network find each other by name', async () => {
  await run(
    env.page,
    'docker network create backend-network && docker run -d --name=redis --net=backend-network redis',
  );
  await waitForTerminal(env.page, /^[0-9a-f]{64}\s*$/m, 60_000);
  await run(env.page, 'docker run --rm --net=backend-network alpine ping -c1 redis');
  const text = await waitForTerminal(env.page, /packets? received|packet loss/, 30_000);
  assert.match(text, /1 packets received/);
  assert.match(text, /PING redis \(\d+\.\d+\.\d+\.\d+\)/);
});

test('a reload brings the same sandbox back', async () => {
  await env.page.reload();
  await env.page.locator('terminal-pane[data-state="ready"]').waitFor({ timeout: 30_000 });
  await run(env.page, 'docker ps --format "running={{.Names}}"');
  await waitForTerminal(env.page, /^running=redis\s*$/m);
});

test('the page is usable on a small screen', async () => {
  await env.page.setViewportSize({ width: 390, height: 844 });
  await env.page.waitForTimeout(500);
  const overflow = await env.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scroll (overflow ${overflow}px)`);
  await run(env.page, 'echo small-screen-ok');
  await waitForTerminal(env.page, /^small-screen-ok\s*$/m);
  await env.page.screenshot({ path: `${SHOTS}/ready-mobile.png` });
});

test('ending the session from the page removes the sandbox', async () => {
  const before = (await env.pg.sandboxes.list()).length;
  await env.page.locator('[data-action="end-session"]').click();
  await env.page.locator('[data-action="confirm-end"]').click();
  await env.page.locator('playground-app[data-session-state="idle"]').waitFor({ timeout: 30_000 });
  assert.equal((await env.pg.sandboxes.list()).length, before - 1);
});
