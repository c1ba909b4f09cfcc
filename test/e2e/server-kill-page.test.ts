// The server killed outright (SIGKILL: no shutdown code runs) while a learner's page is open,
// and started again: the page comes back by itself, with no reload and no click. Its pane is
// the very shell it had (a variable set before the kill is still set), and its events socket
// is the session's again (a step done after the restart ticks on the page).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { freeLoopbackPort } from '../../server/registry/process.js';
import { launchChromium, waitForTerminal } from '../support/browser.js';
import { SHOTS } from '../support/browser-playground.js';
import { killChildServer, startChildServer } from '../support/child-server.js';
import { runDatabase, runInstance } from '../support/instances.js';
import { api } from '../support/playground.js';

/** This run's instance and database: the killed server never touches a live server's objects. */
const INSTANCE = runInstance('test', 'pagekill');

const startServer = (port: number) =>
  startChildServer(port, {
    PLAYGROUND_INSTANCE: INSTANCE,
    PLAYGROUND_DB_PATH: runDatabase(INSTANCE),
    PLAYGROUND_WARM_SANDBOXES: '0',
  });

const paneState = (page: Page, state: string) =>
  page.locator(`[data-testid="terminal-status"][data-pane-state="${state}"]`);

test('after SIGKILL and a restart, the open page reconnects to the same shell and its steps tick', async () => {
  const port = await freeLoopbackPort();
  let server = await startServer(port);
  const browser = await launchChromium();
  let session: { id: string; token: string } | undefined;
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    page.on('response', (res) => {
      if (res.request().method() !== 'POST' || !/\/api\/sessions$/.test(new URL(res.url()).pathname)) return;
      void res
        .json()
        .then((body: { session: { id: string }; token: string }) => {
          session = { id: body.session.id, token: body.token };
        })
        .catch(() => undefined);
    });
    await page.goto(`${server.url}/#/lessons/docker-networks`);
    await page.locator('playground-app[data-session-state="ready"]').waitFor({ timeout: 90_000 });
    await page.locator('lesson-panel[data-load-state="ready"]').waitFor();
    await page.locator('lesson-panel [data-action="start"]').click();
    await waitForTerminal(page, /[#$] $/m);
    await page.locator('terminal-workspace .xterm').first().click();
    await page.keyboard.type('export MARK=kept-$((3*3)); echo set-$((1+1))\n');
    await waitForTerminal(page, /set-2/);

    await killChildServer(server.child);
    await paneState(page, 'reconnecting').waitFor({ timeout: 30_000 });
    server = await startServer(port);
    await paneState(page, 'ready').waitFor({ timeout: 60_000 });
    await page.locator('terminal-workspace .xterm').first().click();
    await page.keyboard.type('echo "mark=$MARK"; docker network create backend-network\n');
    await waitForTerminal(page, /^mark=kept-9\s*$/m);
    const firstStep = page.locator('lesson-panel [data-step-dot][data-state="passed"]').first();
    await firstStep.waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${SHOTS}/after-server-kill.png` });
    assert.equal(await page.locator('playground-app[data-session-state="ready"]').count(), 1);
  } finally {
    await browser.close();
    if (session) await api(server.url, 'DELETE', `/api/sessions/${session.id}`, session.token);
    await killChildServer(server.child);
  }
});
