// A learner keeps their sandbox longer: near its end the header offers the one extension,
// which moves the end by the setting and is not offered again; asking twice is refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SHOTS, useBrowserPlayground } from '../support/browser-playground.js';

// Ten minutes to live: within the quarter hour in which the extension is offered.
const env = useBrowserPlayground(async () => undefined, {
  sessionTtlMs: 10 * 60_000,
  sessionExtendMs: 30 * 60_000,
});

const minutesLeft = async () => {
  const text = (await env.page.locator('playground-app .expiry').textContent()) ?? '';
  const m = /(\d+) min/.exec(text);
  assert.ok(m, `the header says the time left: "${text}"`);
  return Number(m[1]);
};

test('a session is extended once, before it ends', async () => {
  await env.page.goto(env.pg.url + '/#/play');
  await env.page.locator('playground-app [data-action="start"]').first().click();
  await env.page.locator('playground-app[data-session-state="ready"]').waitFor({ timeout: 90_000 });
  const extend = env.page.locator('playground-app [data-action="extend-session"]');
  await extend.waitFor();
  assert.match((await extend.textContent()) ?? '', /\+30 min/);
  assert.ok((await minutesLeft()) <= 10);
  await env.page.screenshot({ path: `${SHOTS}/extend-offered.png` });
  await extend.click();
  await extend.waitFor({ state: 'detached' });
  assert.ok((await minutesLeft()) >= 38, 'the end moved by 30 minutes');

  // The same session again: refused, saying why.
  const again = await env.page.evaluate(async () => {
    const stored = JSON.parse(localStorage.getItem('docker-playground.sessions.v1') ?? '{}') as {
      current?: string;
      sessions?: Record<string, { token: string; expiresAt: string }>;
    };
    const id = stored.current ?? '';
    const entry = stored.sessions?.[id];
    const res = await fetch(`/api/sessions/${id}/extend`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${entry?.token ?? ''}` },
    });
    return { status: res.status, body: (await res.json()) as unknown, kept: entry?.expiresAt ?? '' };
  });
  // The browser keeps the new end too, for a reload.
  assert.ok(Date.parse(again.kept) - Date.now() > 35 * 60_000, `kept ${again.kept}`);
  assert.equal(again.status, 409, JSON.stringify(again.body));
  assert.deepEqual((again.body as { code?: string }).code, 'extend-once');
});
