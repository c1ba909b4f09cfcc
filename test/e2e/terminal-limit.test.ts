// The terminal limit is the server's: with PLAYGROUND_MAX_TERMINALS at 2 the session view says
// so, and the page's workspace opens two panes and refuses a third.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CreatedSession } from '../../common/api.js';
import { SHOTS, useBrowserPlayground } from '../support/browser-playground.js';

const env = useBrowserPlayground(undefined, { maxTerminalsPerSession: 2 });

/** Asks the page's workspace to run a command in pane `n`; resolves to its error, if any. */
function runInPane(n: number, command: string): Promise<string | null> {
  return env.page.evaluate(
    async ([n, command]) => {
      const ws = document.querySelector('playground-app')?.shadowRoot?.querySelector('terminal-workspace');
      if (!ws) throw new Error('no terminal workspace on the page');
      try {
        await ws.runInPane(n, command);
        return null;
      } catch (err) {
        return (err as Error).message;
      }
    },
    [n, command] as const,
  );
}

test('a session limited to two terminals opens two panes and refuses a third', async () => {
  await env.page.goto(env.pg.url + '/#/play');
  const created = env.page.waitForResponse(
    (res) => res.request().method() === 'POST' && new URL(res.url()).pathname === '/api/sessions',
  );
  await env.page.locator('[data-action="start"]').first().click();
  const { session } = (await (await created).json()) as CreatedSession;
  assert.equal(session.maxTerminals, 2, 'the session view carries the configured limit');

  await env.page.locator('.tab[data-host="node1"][data-state="ready"]').waitFor({ timeout: 90_000 });
  const newPane = env.page.locator('[data-action="new-pane"]');
  assert.equal(await newPane.isDisabled(), false);
  // Splitting a lone pane opens the second terminal.
  await env.page.locator('[data-action="split"]').click();
  await env.page.locator('.tab[data-pane="2"]').waitFor({ timeout: 10_000 });
  assert.equal(await env.page.locator('.tab').count(), 2);

  assert.equal(await newPane.isDisabled(), true, 'no new terminal beyond the limit');
  assert.match((await newPane.getAttribute('title')) ?? '', /At most 2 terminals/);
  assert.match((await runInPane(3, 'echo third')) ?? '', /At most 2 terminals/);
  assert.equal(await env.page.locator('.tab').count(), 2);
  assert.equal(await runInPane(2, 'echo second-ok'), null, 'an open pane still takes commands');
  await env.page.screenshot({ path: `${SHOTS}/workspace-limit.png` });
});
