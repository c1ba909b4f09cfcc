// The shared frame of the end-to-end tests: a real playground and a real Chromium page for
// one test file, started before its tests and cleaned up after, removing only the sessions
// its pages created (other sessions on the engine, another test run's say, are not ours).
import fs from 'node:fs';
import { after, before } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningPlayground } from '../../server/app.js';
import type { Config } from '../../server/config.js';
import { launchChromium } from './browser.js';
import { startTestPlayground } from './playground.js';

/** Where screenshots go. */
export const SHOTS = 'test-results';

export interface BrowserPlayground {
  pg: RunningPlayground;
  browser: Browser;
  page: Page;
}

/**
 * Registers before/after hooks; the returned object is filled in once `before` has run.
 * `config` overrides the playground's settings (a lower limit, say).
 */
export function useBrowserPlayground(
  prepare: (context: BrowserContext, pg: RunningPlayground) => Promise<void> = async () => undefined,
  config: Partial<Config> = {},
): BrowserPlayground {
  const env = {} as BrowserPlayground;
  const created = new Set<string>();
  before(async () => {
    env.pg = await startTestPlayground(config);
    env.browser = await launchChromium();
    const context = await env.browser.newContext({ viewport: { width: 1366, height: 800 } });
    context.on('response', (res) => {
      if (res.request().method() !== 'POST' || res.status() !== 201) return;
      if (!/\/api\/sessions$/.test(new URL(res.url()).pathname)) return;
      void res
        .json()
        .then((body: { session?: { id?: string } }) => body.session?.id && created.add(body.session.id))
        .catch(() => undefined);
    });
    await prepare(context, env.pg);
    env.page = await context.newPage();
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await env.browser?.close();
    if (!env.pg) return;
    for (const id of created) await env.pg.sandboxes.destroy(id);
    await env.pg.close();
  });
  return env;
}
