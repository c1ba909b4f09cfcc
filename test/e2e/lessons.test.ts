// A lesson in a real browser on a real sandbox: pick it in the catalogue, the sandbox starts
// by itself, Check says why a step is not done, a click on a command runs it in the terminal
// and the step turns green from the daemon's events; a reload keeps the tick.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { RunningPlayground } from '../../server/app.js';
import { launchChromium, waitForTerminal } from '../support/browser.js';
import { startTestPlayground } from '../support/playground.js';

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
  for (const s of await pg.sandboxes.list())
    if (!existing.has(s.sessionId)) await pg.sandboxes.destroy(s.sessionId);
  await pg?.close();
});

const stepDot = (stepId: string) => page.locator(`lesson-panel [data-step-dot="${stepId}"]`);

test('open a lesson, check a step, run its command with a click, and see it turn green', async () => {
  await page.goto(pg.url + '/');
  await page.locator('lesson-catalogue [data-lesson="docker-networks"]').click();
  await page.waitForURL(/#\/lessons\/docker-networks$/);
  // The sandbox starts by itself while the learner reads.
  await page.locator('playground-app[data-session-state="ready"]').waitFor({ timeout: 60_000 });
  await waitForTerminal(page, /[#$] $/m);

  await page.locator('lesson-panel [data-action="start"]').click();
  await page.locator('lesson-panel [data-action="check"]').click();
  await page.locator('lesson-panel [data-step-id="create-network"][data-state="failed"]').waitFor();
  const reason = await page.locator('lesson-panel .reason').textContent();
  assert.match(reason ?? '', /backend-network/, 'a failing check says what is missing');

  await page.locator('lesson-panel .cmd.exec button.cmd-btn').first().click();
  await waitForTerminal(page, /docker network create backend-network\s+[0-9a-f]{64}/);
  await stepDot('create-network').and(page.locator('[data-state="passed"]')).waitFor({ timeout: 10_000 });
  await page.screenshot({ path: `${SHOTS}/lesson-step-green.png` });
});

test('a reload keeps the completed step and the catalogue shows the progress', async () => {
  await page.reload();
  await page.locator('playground-app[data-session-state="ready"]').waitFor({ timeout: 60_000 });
  await stepDot('create-network').and(page.locator('[data-state="passed"]')).waitFor({ timeout: 10_000 });
  // It opens at the first step not done.
  assert.equal(await page.locator('lesson-panel').getAttribute('active-step'), '1');

  await page.locator('lesson-panel [data-action="open-catalogue"]').click();
  const card = page.locator('lesson-catalogue [data-lesson="docker-networks"]');
  await card.waitFor();
  assert.equal(await card.getAttribute('data-done'), '1');
});

test('opening another lesson asks before replacing the sandbox', async () => {
  await page.locator('lesson-catalogue [data-lesson="docker-basics"]').click();
  await page.locator('playground-app [data-testid="replace-sandbox"]').waitFor();
  await page.locator('playground-app [data-action="keep-sandbox"]').click();
  await page.waitForURL(/#\/lessons\/docker-networks$/);
  await page.locator('playground-app[data-session-state="ready"]').waitFor({ timeout: 60_000 });
  await stepDot('create-network').and(page.locator('[data-state="passed"]')).waitFor({ timeout: 10_000 });
});

test('an unknown lesson says so plainly', async () => {
  await page.goto(pg.url + '/#/lessons/no-such-lesson');
  await page.locator('lesson-panel[data-load-state="error"]').waitFor({ timeout: 10_000 });
  const text = (await page.locator('lesson-panel').textContent()) ?? '';
  assert.doesNotMatch(text, /undefined/);
});
