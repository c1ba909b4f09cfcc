// The shared frame of the end-to-end tests: a real playground and a real Chromium page for
// one test file, started before its tests and cleaned up after, removing only the sandboxes
// the file made (other sessions on the engine are not ours to end).
import fs from 'node:fs';
import { after, before } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningPlayground } from '../../server/app.js';
import { launchChromium } from './browser.js';
import { startTestPlayground } from './playground.js';

/** Where screenshots go. */
export const SHOTS = 'test-results';

export interface BrowserPlayground {
  pg: RunningPlayground;
  browser: Browser;
  page: Page;
}

/** Registers before/after hooks; the returned object is filled in once `before` has run. */
export function useBrowserPlayground(
  prepare: (context: BrowserContext, pg: RunningPlayground) => Promise<void> = async () => undefined,
): BrowserPlayground {
  const env = {} as BrowserPlayground;
  let existing = new Set<string>();
  before(async () => {
    env.pg = await startTestPlayground();
    existing = new Set((await env.pg.sandboxes.list()).map((s) => s.sessionId));
    env.browser = await launchChromium();
    const context = await env.browser.newContext({ viewport: { width: 1366, height: 800 } });
    await prepare(context, env.pg);
    env.page = await context.newPage();
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await env.browser?.close();
    if (!env.pg) return;
    for (const s of await env.pg.sandboxes.list())
      if (!existing.has(s.sessionId)) await env.pg.sandboxes.destroy(s.sessionId);
    await env.pg.close();
  });
  return env;
}
