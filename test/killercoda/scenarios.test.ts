// Killercoda's own Docker scenarios (test/fixtures/killercoda/scenarios-docker, unchanged),
// imported as published and played step by step in real sandboxes with their own verify
// scripts: every step whose content needs no internet fails before its commands and passes
// after them. The table printed at the end is the count the documentation gives.
// Not part of `npm test`: `npm run test:killercoda` (about 10 minutes);
// `--test-name-pattern <scenario>` plays one.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { RunningPlayground } from '../../server/app.js';
import { importScenario } from '../../server/lessons/katacoda/import.js';
import { startTestPlayground } from '../support/playground.js';
import { playScenario, type PlayedStep } from '../support/scenario-player.js';

const ROOT = fileURLToPath(new URL('../fixtures/killercoda/scenarios-docker/', import.meta.url));

/**
 * Steps that cannot pass offline or on one host, with why. Anything not listed must pass:
 * a scenario that stops passing, or one listed here that starts to, fails the test.
 */
const EXCUSED: Record<string, string> = {
  'add-or-copy/coping-files':
    'the Dockerfile its set-up script writes runs `wget https://github.com/moby/buildkit.git`: the build downloads from GitHub',
  'dockerfile-best-practices/*':
    'its set-up script clones github.com/dockersamples/buildme and every step builds it FROM golang:1.21-alpine with `go mod download`; ' +
    'golang is not in the offline kit, so the import stops there',
};

let pg: RunningPlayground;
before(async () => {
  pg = await startTestPlayground();
});
after(async () => {
  await pg?.close();
});

interface Row extends PlayedStep {
  scenario: string;
  imported: boolean;
  needsInternet: boolean;
}

async function playOne(name: string): Promise<Row[]> {
  const folder = path.join(ROOT, name);
  const result = await importScenario(folder);
  const errors = result.problems.filter((p) => p.severity === 'error').map((p) => p.message);
  if (!result.lesson || !result.text)
    return [
      {
        scenario: name,
        stepId: '*',
        imported: false,
        needsInternet: false,
        failedBefore: false,
        passedAfter: false,
        why: errors.join('; '),
      },
    ];
  // A session with the scenario's machines (controlplane and node01 for a two-node backend) and
  // no lesson, so that the player, not the server, runs its scripts.
  const { hosts } = result.lesson;
  const { session, token } = pg.sessions.create('killercoda-scenarios', { hosts, exempt: true });
  try {
    for (const host of hosts) await pg.sessions.whenReady(session.id, token, host);
    const sandbox = (await pg.sandboxes.container(session.id, hosts[0]))!;
    const played = await playScenario(sandbox, result.lesson, folder, result.text.steps);
    const online = new Set(result.needsInternet ?? []);
    return played.map((p) => ({ ...p, scenario: name, imported: true, needsInternet: online.has(p.stepId) }));
  } finally {
    await pg.sessions.end(session.id, token).catch(() => undefined);
  }
}

const NAMES = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const rows: Row[] = [];
const key = (r: Row) => `${r.scenario}/${r.stepId}`;
const good = (r: Row) => r.imported && r.failedBefore && r.passedAfter;

// One test per scenario, so `--test-name-pattern networks` plays one.
for (const name of NAMES)
  test(
    `${name} imports as published and its steps pass as their author meant`,
    { timeout: 5 * 60_000 },
    async () => {
      const played = await playOne(name);
      rows.push(...played);
      const offline = played.filter((r) => !r.needsInternet);
      const unexpected = offline
        .filter((r) => !good(r) && !EXCUSED[key(r)])
        .map((r) => `${key(r)}: ${r.why}`);
      const nowPassing = played.filter((r) => good(r) && EXCUSED[key(r)]).map(key);
      assert.deepEqual(unexpected, [], 'steps that need no internet must pass');
      assert.deepEqual(nowPassing, [], 'excused steps that pass now: remove them from EXCUSED');
    },
  );

after(() => {
  console.log(
    rows
      .map(
        (r) =>
          `${good(r) ? 'PASS' : r.needsInternet ? 'NET ' : 'FAIL'}  ${key(r).padEnd(60)} ${r.imported ? '' : 'not imported: '}${r.failedBefore ? '' : '(passed before its commands) '}${r.why.slice(0, 200)}`,
      )
      .join('\n'),
  );
  const imported = new Set(rows.filter((r) => r.imported).map((r) => r.scenario));
  const played = new Set(rows.map((r) => r.scenario));
  const offline = rows.filter((r) => !r.needsInternet);
  console.log(
    `scenarios imported as published: ${imported.size} of ${played.size}; ` +
      `steps passing end to end: ${rows.filter(good).length} of ${rows.length} ` +
      `(${offline.filter(good).length} of ${offline.length} that need no internet)`,
  );
});
