// In a real browser: a step whose command leaves no Docker event (as a `SET` typed in
// redis-cli) turns green with no Check pressed, once the shell's prompt comes back. The slow
// timer is off here, so only the shell's prompt hook can have ticked it.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { waitForTerminal } from '../support/browser.js';
import { SHOTS, useBrowserPlayground } from '../support/browser-playground.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const lessonsDirs = [path.join(here, '..', 'integration', 'fixtures', 'lessons')];
const env = useBrowserPlayground(async () => undefined, { lessonsDirs, recheckIntervalMs: 3_600_000 });

test('a command with no Docker event ticks its step with no click on Check', async () => {
  const checks: string[] = [];
  env.page.on('request', (req) => {
    if (/\/check$/.test(new URL(req.url()).pathname)) checks.push(req.url());
  });
  await env.page.goto(env.pg.url + '/');
  await env.page.locator('lesson-catalogue [data-lesson="quiet-step"]').click();
  await env.page.locator('playground-app[data-session-state="ready"]').waitFor({ timeout: 60_000 });
  await waitForTerminal(env.page, /[#$] $/m);
  await env.page.locator('lesson-panel [data-action="start"]').click();
  await env.page.locator('lesson-panel [data-step-id="write-greeting"][data-state="pending"]').waitFor();

  await env.page.locator('lesson-panel .cmd.exec button.cmd-btn').first().click();
  await env.page
    .locator('lesson-panel [data-step-dot="write-greeting"][data-state="passed"]')
    .waitFor({ timeout: 15_000 });
  assert.deepEqual(checks, [], 'the Check button was never used');
  await env.page.screenshot({ path: `${SHOTS}/step-ticks-itself.png` });
});
