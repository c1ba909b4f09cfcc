// An ended session looks ended: when the server ends a session (expired, or removed through
// the API) while its page is open, the page shows one clear state, the ended card with Start
// again, and neither a live timer nor a Reconnect that cannot help.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CreatedSession } from '../../common/api.js';
import { waitForTerminal } from '../support/browser.js';
import { SHOTS, useBrowserPlayground } from '../support/browser-playground.js';
import { api } from '../support/playground.js';

const env = useBrowserPlayground();

test('a session removed while its page is open shows the ended state, with Start again', async () => {
  await env.page.goto(env.pg.url + '/#/play');
  const created = env.page.waitForResponse(
    (res) => res.request().method() === 'POST' && new URL(res.url()).pathname === '/api/sessions',
  );
  await env.page.locator('[data-action="start"]').first().click();
  const { session, token } = (await (await created).json()) as CreatedSession;
  await env.page.locator('terminal-pane[data-state="ready"]').waitFor({ timeout: 90_000 });
  await waitForTerminal(env.page, /[#$] $/m);

  const removed = await api(env.pg.url, 'DELETE', `/api/sessions/${session.id}`, token);
  assert.ok(removed.status < 300, `DELETE answered ${removed.status}`);

  await env.page.locator('playground-app[data-session-state="ended"]').waitFor({ timeout: 30_000 });
  const ended = env.page.locator('[data-testid="session-ended"]');
  await ended.waitFor();
  // Give a stale pane time to show what it would (its banner, its status) before looking.
  await env.page.waitForTimeout(1500);
  await env.page.screenshot({ path: `${SHOTS}/session-ended.png` });
  assert.equal(await env.page.locator('[data-action="start"]').isVisible(), true, 'Start again is offered');
  assert.match((await env.page.locator('[data-action="start"]').textContent()) ?? '', /start/i);
  assert.equal(await env.page.locator('[data-action="reconnect"]').count(), 0, 'no Reconnect');
  assert.equal(await env.page.locator('.expiry').count(), 0, 'no live timer');
  assert.equal(await env.page.locator('terminal-pane').count(), 0, 'no dead terminal');
  assert.equal(await env.page.getByText('Disconnected').count(), 0, 'no "Disconnected"');
});
