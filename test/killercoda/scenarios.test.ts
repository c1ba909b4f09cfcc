// Killercoda's own Docker scenarios (test/fixtures/killercoda/scenarios-docker, unchanged),
// imported as published and played step by step in real sandboxes with their own verify
// scripts: every step whose content needs no internet fails before its commands and passes
// after them. The table printed at the end is the count the documentation gives.
// Part of `npm test -- integration`; `--test-name-pattern <scenario>` plays one.
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
    'its set-up script clones github.com/dockersamples/buildme, which every step builds (with `go mod download` of its dependencies)',
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
/**
 * Steps whose verify script checks only what an earlier step did, so that it passes before the
 * step's own commands on Killercoda too: these must pass after them.
 */
const DONE_EARLIER: Record<string, string> = {
  'publishing-ports/make-a-request-from-another-host':
    'it checks `ssh node01 curl controlplane:80`, which answers since step 1 published app-1 on port 80',
};
/** Why a step is excused: its own entry, or its scenario's (`<scenario>/*`). */
const excused = (r: Row) => EXCUSED[key(r)] ?? EXCUSED[`${r.scenario}/*`];
const good = (r: Row) => r.imported && r.passedAfter && (r.failedBefore || key(r) in DONE_EARLIER);

// One test per scenario, so `--test-name-pattern networks` plays one.
for (const name of NAMES)
  test(
    `${name} imports as published and its steps pass as their author meant`,
    { timeout: 5 * 60_000 },
    async () => {
      const played = await playOne(name);
      rows.push(...played);
      const offline = played.filter((r) => !r.needsInternet);
      const unexpected = offline.filter((r) => !good(r) && !excused(r)).map((r) => `${key(r)}: ${r.why}`);
      const nowPassing = played.filter((r) => good(r) && excused(r)).map(key);
      assert.deepEqual(unexpected, [], 'steps that need no internet must pass');
      assert.deepEqual(nowPassing, [], 'excused steps that pass now: remove them from EXCUSED');
      const failNow = played.filter((r) => key(r) in DONE_EARLIER && r.failedBefore).map(key);
      assert.deepEqual(
        failNow,
        [],
        'steps that fail before their commands now: remove them from DONE_EARLIER',
      );
    },
  );

/** PASS, NET (needs the internet: the importer says so, or EXCUSED does) or FAIL. */
const status = (r: Row) => (good(r) ? 'PASS' : r.needsInternet || excused(r) ? 'NET ' : 'FAIL');

after(() => {
  console.log(
    rows
      .map(
        (r) =>
          `${status(r)}  ${key(r).padEnd(60)} ${r.imported ? '' : 'not imported: '}${r.failedBefore ? '' : '(passed before its commands) '}${r.why.slice(0, 200)}`,
      )
      .join('\n'),
  );
  const imported = new Set(rows.filter((r) => r.imported).map((r) => r.scenario));
  const played = new Set(rows.map((r) => r.scenario));
  const count = (s: string) => rows.filter((r) => status(r) === s).length;
  console.log(
    `scenarios imported as published: ${imported.size} of ${played.size}; of ${rows.length} steps ` +
      `${count('PASS')} pass end to end, ${count('NET ')} need the internet, ${count('FAIL')} fail`,
  );
});
