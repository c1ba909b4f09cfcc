// A ready seat's shell in a real Chromium: with one warm session held, the learner who
// clicks Start gets a session whose first pane is the shell started ahead (the bash in the
// page is the one whose pid was written before the page existed). Another browser given the
// same session's token opens a shell of its own and takes nothing from the first.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CreatedSession } from '../../common/api.js';
import { firstPaneId } from '../../common/protocol.js';
import { execCapture } from '../../server/engine/exec.js';
import { run, waitForTerminal } from '../support/browser.js';
import { SHOTS, useBrowserPlayground } from '../support/browser-playground.js';

const env = useBrowserPlayground(undefined, { warmSandboxes: 1 });
const TOKENS_KEY = 'docker-playground.sessions.v1';

test('Start hands over a warm session whose first pane is the shell started ahead; another browser opens its own', async () => {
  const deadline = Date.now() + 180_000;
  while (env.pg.terminals.census().shells < 1) {
    assert.ok(Date.now() < deadline, 'a shell is started ahead for the warm session');
    await new Promise((r) => setTimeout(r, 250));
  }
  const { page } = env;
  await page.goto(env.pg.url + '/#/play');
  const createdResponse = page.waitForResponse(
    (res) => res.request().method() === 'POST' && new URL(res.url()).pathname === '/api/sessions',
  );
  await page.locator('[data-action="start"]').first().click();
  const { session } = (await (await createdResponse).json()) as CreatedSession;
  const pane = firstPaneId(session.id, 'en');
  assert.ok(env.pg.terminals.has(session.id, pane), 'the warm session was handed over with its shell');
  await waitForTerminal(page, /[#$] $/m, 60_000);
  const sandbox = (await env.pg.sandboxes.container(session.id))!;
  const startedAhead = (await execCapture(sandbox, ['cat', `/run/playground-shells/${pane}`])).output.trim();
  await run(page, 'echo "parent=$PPID"');
  const text = await waitForTerminal(page, /parent=\d+/);
  assert.equal(/parent=(\d+)/.exec(text)![1], startedAhead, "the page's bash is the one started ahead");
  assert.equal(env.pg.terminals.count(session.id), 1, 'no second shell was started');
  await page.screenshot({ path: `${SHOTS}/ready-shell-laptop.png` });

  const kept = await page.evaluate((key) => localStorage.getItem(key) ?? '', TOKENS_KEY);
  const other = await env.browser.newContext({ viewport: { width: 1000, height: 760 } });
  try {
    await other.addInitScript(([key, value]) => localStorage.setItem(key, value), [
      TOKENS_KEY,
      kept,
    ] as const);
    const second = await other.newPage();
    await second.goto(env.pg.url + '/#/play');
    await waitForTerminal(second, /[#$] $/m, 60_000);
    assert.equal(env.pg.terminals.count(session.id), 2, 'the other browser has a shell of its own');
    await run(page, 'echo still-mine-$((40+2))');
    await waitForTerminal(page, /still-mine-42/);
  } finally {
    await other.close();
  }
});
