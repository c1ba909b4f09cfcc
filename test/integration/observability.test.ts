// GET /metrics on a real playground: after a learner starts a lesson session, opens a
// terminal, types a step's command and checks it, the metrics show the session, the
// sandbox's start, the live shell and its socket, the bytes relayed and the validation.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RunningPlayground } from '../../server/app.js';
import { parseMetrics, sample, total, type Samples } from '../support/metrics-text.js';
import { api, readySession, startTestPlayground } from '../support/playground.js';
import { TestTerminal } from '../support/terminal-client.js';

const METRICS_TOKEN = 'metrics-token-for-the-test-0123';

let pg: RunningPlayground;

before(async () => {
  pg = await startTestPlayground({ metricsToken: METRICS_TOKEN });
});
after(async () => {
  await pg?.close();
});

async function scrape(headers: Record<string, string> = {}): Promise<Samples> {
  const res = await fetch(`${pg.url}/metrics`, { headers });
  assert.equal(res.status, 200);
  return parseMetrics(await res.text());
}

test('a session, a terminal, a command and a check show in /metrics', async () => {
  // Counters are the process's; gauges are this playground's (it may adopt live sessions).
  const before = await scrape();
  const lesson = pg.catalogue.get('docker-networks')!;
  const step = lesson.steps[0]!;
  const { session, token } = await readySession(pg.url, 90_000, { lessonId: lesson.id });
  const term = await TestTerminal.open(pg.url, session.id, token);
  try {
    term.start();
    await term.waitFor(/[#$] $/m);
    term.type(`${step.solution[0]} && echo CREATED\r`);
    await term.waitFor(/^CREATED\r?$/m);
    const checked = await api<{ state: string }>(pg.url, 'POST', `/api/sessions/${session.id}/check`, token, {
      stepId: step.id,
    });
    assert.equal(checked.body.state, 'passed');

    const now = await scrape();
    const grew = (series: string) => sample(now, series) - sample(before, series);
    const grewAll = (name: string) => total(now, name) - total(before, name);
    assert.equal(grew('playground_sessions{state="ready"}'), 1);
    assert.equal(grew('playground_sandboxes{state="ready"}'), 1);
    assert.equal(grew('playground_terminals'), 1);
    assert.equal(grew('playground_sockets{kind="terminal"}'), 1);
    assert.ok(grew('playground_sandbox_start_seconds_count') >= 1, 'the sandbox start was observed');
    assert.ok(grew('playground_sandbox_start_seconds_sum') > 0);
    assert.ok(grewAll('playground_validation_seconds_count') >= 1, "the step's checks were timed");
    assert.ok(grew('playground_terminal_bytes_total{direction="to_browser"}') > 0, 'output relayed');
    const typed = Buffer.byteLength(`${step.solution[0]} && echo CREATED\r`);
    assert.ok(grew('playground_terminal_bytes_total{direction="from_browser"}') >= typed, 'input relayed');
    assert.ok(sample(now, 'process_resident_memory_bytes') > 0);
  } finally {
    term.close();
    await api(pg.url, 'DELETE', `/api/sessions/${session.id}`, token);
  }
  const ended = await scrape();
  assert.equal(sample(ended, 'playground_terminals'), sample(before, 'playground_terminals'));
  assert.equal(
    sample(ended, 'playground_sessions{state="ready"}'),
    sample(before, 'playground_sessions{state="ready"}'),
  );
});

test('through a proxy, /metrics needs the operator token', async () => {
  const proxied = { 'x-forwarded-for': '203.0.113.9' };
  const refused = await fetch(`${pg.url}/metrics`, { headers: proxied });
  assert.equal(refused.status, 403);
  const samples = await scrape({ ...proxied, authorization: `Bearer ${METRICS_TOKEN}` });
  assert.ok(samples.has('playground_terminals'));
});
