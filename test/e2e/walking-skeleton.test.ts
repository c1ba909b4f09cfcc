// The whole path in a real browser: open the page, start a sandbox, and use real docker.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { RunningPlayground } from '../../server/app.js';
import { startTestPlayground } from '../support/playground.js';
import { launchChromium, run, waitForTerminal } from '../support/browser.js';

let pg: RunningPlayground;
let existing: Set<string>;
let browser: Browser;
let page: Page;
const SHOTS = 'test-results';

before(async () => {
  pg = await startTestPlayground();
  existing = new Set((await pg.sandboxes.list()).map((s) => s.sessionId));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
  fs.mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  // Only what this test made: other sessions on the engine are not ours to end.
  for (const s of await pg.sandboxes.list())
    if (!existing.has(s.sessionId)) await pg.sandboxes.destroy(s.sessionId);
  await pg?.close();
});

test('start a sandbox from the page and run a container in it', async () => {
  await page.goto(pg.url + '/#/play');
  await page.locator('playground-app[data-session-state="idle"]').waitFor();
  await page.screenshot({ path: `${SHOTS}/idle.png` });
  await page.locator('[data-action="start"]').first().click();
  await page.locator('terminal-pane[data-state="ready"]').waitFor({ timeout: 90_000 });
  await waitForTerminal(page, /[#$] $/m);

  await run(page, 'docker run --rm alpine echo hello');
  await waitForTerminal(page, /^hello\s*$/m, 60_000);
  await page.screenshot({ path: `${SHOTS}/ready.png` });
});

test('containers on a user network find each other by name', async () => {
  await run(
    page,
    'docker network create backend-network && docker run -d --name=redis --net=backend-network redis',
  );
  await waitForTerminal(page, /^[0-9a-f]{64}\s*$/m, 60_000);
  await run(page, 'docker run --rm --net=backend-network alpine ping -c1 redis');
  const text = await waitForTerminal(page, /packets? received|packet loss/, 30_000);
  assert.match(text, /1 packets received/);
  assert.match(text, /PING redis \(\d+\.\d+\.\d+\.\d+\)/);
});

test('a reload brings the same sandbox back', async () => {
  await page.reload();
  await page.locator('terminal-pane[data-state="ready"]').waitFor({ timeout: 30_000 });
  await run(page, 'docker ps --format "running={{.Names}}"');
  await waitForTerminal(page, /^running=redis\s*$/m);
});

test('the page is usable on a small screen', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(500);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scroll (overflow ${overflow}px)`);
  await run(page, 'echo small-screen-ok');
  await waitForTerminal(page, /^small-screen-ok\s*$/m);
  await page.screenshot({ path: `${SHOTS}/ready-mobile.png` });
});

test('ending the session from the page removes the sandbox', async () => {
  const before = (await pg.sandboxes.list()).length;
  await page.locator('[data-action="end-session"]').click();
  await page.locator('[data-action="confirm-end"]').click();
  await page.locator('playground-app[data-session-state="idle"]').waitFor({ timeout: 30_000 });
  assert.equal((await pg.sandboxes.list()).length, before - 1);
});
