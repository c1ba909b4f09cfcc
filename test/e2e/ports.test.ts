// Published ports in a real browser: a container publishes a port in the learner's sandbox,
// a link appears from the daemon's events, and it opens the app in a new tab through the
// playground's proxy, on the port's own origin (WebSockets through the proxy are covered by
// test/integration/ports.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { run, waitForTerminal } from '../support/browser.js';
import { SHOTS, useBrowserPlayground } from '../support/browser-playground.js';

const env = useBrowserPlayground();

const portButton = (port: number) => env.page.locator(`port-links button:has-text("${port}")`);

test('a published port gets a link that opens the app in a new tab', async () => {
  await env.page.goto(env.pg.url + '/#/play');
  await env.page.locator('[data-action="start"]').first().click();
  await env.page.locator('terminal-pane[data-state="ready"]').waitFor({ timeout: 90_000 });
  await waitForTerminal(env.page, /[#$] $/m);
  assert.equal(await env.page.locator('port-links button').count(), 0, 'no links before a port is published');

  await run(
    env.page,
    'docker run -d --name redis-server redis && ' +
      'docker run -d --name counter -p 3000:3000 --link redis-server:redis katacoda/redis-node-docker-example',
  );
  await portButton(3000).waitFor({ timeout: 30_000 });

  const [tab] = await Promise.all([env.page.context().waitForEvent('page'), portButton(3000).click()]);
  await tab.waitForLoadState();
  await tab.waitForFunction(() => /viewed \d+ times/.test(document.body?.innerText ?? ''), null, {
    timeout: 15_000,
  });
  const url = new URL(tab.url());
  assert.match(url.hostname, /^node1-3000-[a-f0-9]+\.localhost$/, 'the app runs on its own origin');
  assert.equal(url.pathname, '/', 'the ticket is gone from the address');
  // The app's origin cannot read the playground's storage (where the session token lives).
  assert.equal(await tab.evaluate(() => localStorage.length), 0);
  await tab.close();
});

test('the voting app: a vote in its tab shows up in the result tab', async () => {
  const lesson = env.pg.catalogue.get('voting-app')!;
  await run(env.page, lesson.steps.flatMap((step) => step.solution).join(' && '));
  await portButton(5000).waitFor({ timeout: 60_000 });
  await portButton(5001).waitFor({ timeout: 60_000 });

  const [result] = await Promise.all([env.page.context().waitForEvent('page'), portButton(5001).click()]);
  await result.locator('#total').waitFor({ timeout: 30_000 });
  const [vote] = await Promise.all([env.page.context().waitForEvent('page'), portButton(5000).click()]);
  await vote.locator('button#a').click({ timeout: 30_000 });
  // The result tab was open before the vote; it sees the worker's count through the proxy.
  await result.waitForFunction(
    () => /^\d+ votes?$/.test(document.getElementById('total')?.textContent ?? ''),
    null,
    {
      timeout: 60_000,
    },
  );
  await result.screenshot({ path: `${SHOTS}/voting-result.png` });
  await vote.close();
  await result.close();
});
