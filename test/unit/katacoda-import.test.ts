// Importing Katacoda/Killercoda scenarios: the mapping onto a lesson, markers, verify scripts
// under both conventions, what a sandbox cannot do, assets, and step-start scripts.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CheckSchema } from '../../common/checks.js';
import { AssetSchema, LessonSchema, localizeLesson } from '../../common/lesson.js';
import { summarize } from '../../server/lessons/catalogue.js';
import { assetTarget } from '../../server/lessons/katacoda/assets.js';
import { importScenario } from '../../server/lessons/katacoda/import.js';
import { internetUses } from '../../server/lessons/katacoda/internet.js';
import { translateMarkdown } from '../../server/lessons/katacoda/markers.js';
import { verifyConvention, wrapVerify } from '../../server/lessons/katacoda/scripts.js';
import { loadLessonFolder, loadLessons } from '../../server/lessons/loader.js';
import { startStep } from '../../server/lessons/step-start.js';
import { tarArchive } from '../../server/lessons/tar.js';
import { runCheck } from '../../server/validation/run-check.js';
import type { SandboxShell, ShellResult } from '../../server/validation/shell.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = path.join(ROOT, 'test/fixtures/katacoda/container-basics');
const temps: string[] = [];
after(() => Promise.all(temps.map((d) => rm(d, { recursive: true, force: true }))));

/** Runs scripts on this machine, as the sandbox shell would (sh -c). */
const localShell: SandboxShell = {
  run: (script, timeoutMs) =>
    new Promise<ShellResult>((resolve) => {
      execFile('sh', ['-c', script], { timeout: timeoutMs }, (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolve({ exitCode: code, output: stdout + stderr, timedOut: Boolean(err?.killed) });
      });
    }),
};

/** A scenario folder in a temporary directory, from the fixture with files replaced or added. */
async function scenario(files: Record<string, string>, name = 'scenario-under-test'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'katacoda-'));
  temps.push(dir);
  const folder = path.join(dir, name);
  await cp(FIXTURE, folder, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(folder, file)), { recursive: true });
    await writeFile(path.join(folder, file), text);
  }
  return folder;
}

/** The fixture's index.json, loosely typed so a test can change any field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
const FIXTURE_INDEX = await readFile(path.join(FIXTURE, 'index.json'), 'utf8');

/** The fixture's index.json with some fields changed. */
function indexWith(change: (index: Loose) => void): string {
  const index = JSON.parse(FIXTURE_INDEX) as Loose;
  change(index);
  return JSON.stringify(index, null, 2);
}

const errors = (r: { problems: { severity: string; message: string }[] }) =>
  r.problems.filter((p) => p.severity === 'error').map((p) => p.message);

test('the fixture scenario becomes a valid lesson with its text in every language', async () => {
  const { lesson, problems } = await importScenario(FIXTURE);
  assert.deepEqual(errors({ problems }), []);
  assert.ok(lesson);
  assert.ok(LessonSchema.safeParse(lesson).success);
  assert.equal(lesson.id, 'container-basics');
  assert.equal(lesson.minutes, 10);
  assert.deepEqual(lesson.languages, ['en']);
  assert.equal(lesson.title.en, 'Containers from the command line');
  assert.equal(lesson.title.id, lesson.title.en);
  assert.deepEqual(lesson.hosts, ['node1']);
  assert.equal(lesson.panes.length, 2, '{{execute T2}} asks for a second pane');
  assert.deepEqual(lesson.images, ['alpine', 'redis']);
  assert.deepEqual(
    lesson.steps.map((s) => [s.id, s.checks[0]?.type]),
    [
      ['run-a-one-off-container', 'script'],
      ['keep-a-container-running', 'script'],
      ['give-a-container-a-file', 'script'],
      ['look-around', 'manual'],
    ],
  );
  assert.deepEqual(lesson.steps[0]?.solution, [
    'docker run --name hello alpine echo "Hello from a container"',
    'docker logs hello',
  ]);
  assert.ok(lesson.finish?.en.length);
  assert.deepEqual(summarize(lesson).languages, ['en']);
  assert.deepEqual(localizeLesson(lesson, 'id').notices, lesson.notices);
});

test('Katacoda markers become the lesson markers; what cannot work is said', () => {
  const source = [
    '`docker ps`{{execute}}', // 1
    '```', // 2
    'docker logs -f web', // 3
    '```{{execute T2}}', // 4
    '`docker ps`{{execute interrupt T2}}', // 5
    '`ls`{{exec}} and `cat x`{{copy}}', // 6
    '`app.js`{{open}}', // 7
    '`i`{{execute no-newline}}', // 8
    '`^C`{{execute ctrl-seq}}', // 9
    "`docker inspect -f '{{.State.Running}}' web`{{execute HOST2}}", // 10
    'Open {{TRAFFIC_HOST1_80}} or https://[[HOST_SUBDOMAIN]]-80-[[KATACODA_HOST]].com', // 11
  ].join('\n');
  const { markdown, problems, panes } = translateMarkdown(source);
  assert.deepEqual(markdown.split('\n'), [
    '`docker ps`{{exec}}',
    '```',
    'docker logs -f web',
    '```{{exec T2}}',
    '`docker ps`{{exec interrupt T2}}',
    '`ls`{{exec}} and `cat x`{{copy}}',
    '`app.js`',
    '`i`{{copy}}',
    '`^C`',
    "`docker inspect -f '{{.State.Running}}' web`{{exec}}",
    'Open {{TRAFFIC_HOST1_80}} or https://[[HOST_SUBDOMAIN]]-80-[[KATACODA_HOST]].com',
  ]);
  assert.equal(panes, 2);
  assert.deepEqual(
    problems.map((p) => [p.line, p.severity]),
    [
      [7, 'warning'],
      [8, 'warning'],
      [9, 'warning'],
      [10, 'error'],
      [11, 'warning'],
      [11, 'warning'],
      [11, 'warning'],
    ],
  );
  assert.match(problems[0]?.message ?? '', /editor/);
  assert.match(problems[3]?.message ?? '', /another machine; this scenario has 1 here/);
});

test('a verify script runs as its own program and its exit status alone decides, as on Killercoda', async () => {
  const verdict = async (script: string) =>
    (await runCheck(localShell, { type: 'script', run: wrapVerify(script) })).ok;
  assert.equal(verifyConvention('[ -f /x ] && echo "done"'), 'exit-status');
  assert.equal(await verdict('#!/bin/bash\nexit 0'), true);
  assert.equal(await verdict('exit 3'), false);
  // The shebang's flags count: `-e` stops at the first failing command, so the "done" at the
  // end is never printed nor the status 0 returned (a scenario's check of a missing container).
  const strict = '#!/bin/bash -eu\nls /no/such/container > /dev/null\necho "done"\n';
  assert.equal(await verdict(strict), false, 'bash -e stops at the failing command');
  assert.equal(await verdict(strict.replace(' -eu', '')), true, 'without -e the last command decides');
  // set -e inside the script, as killercoda/scenarios-docker's verify scripts have it.
  assert.equal(await verdict('#!/bin/bash\nset -e\n{\n  false\n} >> /dev/null 2>&1\necho "done"\n'), false);
  // A script that mentions "done" but ends with exit 0 and prints nothing is done.
  assert.equal(await verdict('if false; then\n  echo "done"\nfi\nexit 0\n'), true);
  assert.equal(await verdict('echo "done"; exit 1'), false, 'printing done does not pass a failing status');
  // Another interpreter in the shebang is used: under bash this line is a syntax error.
  assert.equal(await verdict('#!/usr/bin/env node\nprocess.exit(0);\n'), true);
  assert.equal(await verdict('#!/usr/bin/env node\nprocess.exit(7);\n'), false);
  // A here-document end word inside the script cannot cut it short.
  assert.equal(
    await verdict('echo SCENARIO_SCRIPT_END\ncat <<SCENARIO_SCRIPT_END\nx\nSCENARIO_SCRIPT_END\nexit 4\n'),
    false,
  );
  // bash features work without a shebang (the scripts were written for bash)
  assert.equal(await verdict('[[ "a" == "a" ]]'), true);
});

test("a failing verify script's output is the reason", async () => {
  const failing = await runCheck(localShell, {
    type: 'script',
    run: wrapVerify('echo "No container named web yet."; exit 1'),
  });
  assert.deepEqual([failing.ok, failing.reason], [false, 'No container named web yet.']);
  const silent = await runCheck(localShell, { type: 'script', run: wrapVerify('false && echo done') });
  assert.deepEqual([silent.ok, silent.reason], [false, 'The check failed (exit status 1).']);
  const slow = await runCheck(localShell, {
    type: 'script',
    run: wrapVerify('sleep 5'),
    timeoutSeconds: 0.3,
  });
  assert.equal(slow.ok, false);
});

test('a manual check passes without asking the sandbox', async () => {
  const untouchable: SandboxShell = { run: () => Promise.reject(new Error('must not be asked')) };
  assert.ok(CheckSchema.safeParse({ type: 'manual' }).success);
  assert.equal((await runCheck(untouchable, { type: 'manual' })).ok, true);
});

test('VM and Kubernetes backends, systemd and other machines stop the import', async () => {
  const k8s = await importScenario(
    await scenario({ 'index.json': indexWith((i) => (i.backend.imageid = 'kubernetes-kubeadm-1node')) }),
  );
  assert.equal(k8s.lesson, undefined);
  assert.match(errors(k8s).join('\n'), /kubernetes-kubeadm-1node.*cluster or VM/);

  const systemd = await importScenario(
    await scenario({
      'index.json': indexWith((i) => (i.backend.imageid = 'ubuntu')),
      'step1-background.sh': '#!/bin/bash\napt-get install -y nginx\nsystemctl start nginx\n',
    }),
  );
  assert.equal(systemd.lesson, undefined);
  const problem = systemd.problems.find((p) => p.severity === 'error');
  assert.equal(path.basename(problem?.file ?? ''), 'step1-background.sh');
  assert.equal(problem?.line, 3);
  assert.match(problem?.message ?? '', /systemd/);
  assert.ok(systemd.problems.some((p) => p.severity === 'warning' && /Ubuntu VM/.test(p.message)));

  const service = await importScenario(await scenario({ 'step2-verify.sh': 'service nginx status\n' }));
  assert.match(errors(service).join('\n'), /"service"/);
});

test('dashboards, editors and launch.sh are warnings and become notices', async () => {
  const r = await importScenario(
    await scenario({
      'index.json': indexWith((i) => {
        i.environment = {
          uilayout: 'editor-terminal',
          showdashboard: true,
          dashboards: [{ name: 'App', port: 80 }],
        };
      }),
      'step2-foreground.sh': 'launch.sh\ndocker ps\n',
    }),
  );
  assert.deepEqual(errors(r), []);
  assert.ok(r.lesson);
  const notices = r.lesson.notices?.join('\n') ?? '';
  assert.match(notices, /editor/);
  assert.match(notices, /dashboard/);
  assert.match(notices, /launch\.sh/);
  assert.equal(r.lesson.steps[1]?.onStart?.foreground, 'docker ps', 'launch.sh is left out');
});

test('images the playground does not build, missing files and other hosts are errors at their place', async () => {
  const r = await importScenario(
    await scenario({
      'step2.md': 'Start it: `docker run -d --name web mongo`{{execute}}\n',
      'index.json': indexWith((i) => {
        i.details.steps[0].verify = 'nowhere.sh';
        i.details.assets.host02 = [{ file: 'greeting.txt', target: '/root' }];
        i.details.assets.host01.push(
          { file: 'missing.txt', target: '/root' },
          { file: 'greeting.txt', target: '/x', chmod: 'rwx' },
        );
      }),
    }),
  );
  assert.equal(r.lesson, undefined);
  const text = r.problems.map((p) => `${path.basename(p.file)}:${p.line}: ${p.message}`).join('\n');
  assert.match(text, /step2\.md:1: image "mongo" is not one the playground builds/);
  assert.match(text, /index\.json:\d+: "nowhere\.sh" does not exist/);
  assert.match(text, /host02.*one host/);
  assert.match(text, /missing\.txt" is listed but not in assets\/; skipped/);
  assert.match(text, /chmod "rwx"/);
});

test('broken JSON and a scenario without steps are reported, not thrown', async () => {
  const json = await importScenario(await scenario({ 'index.json': '{\n  "title": "x",\n  oops\n}' }));
  assert.equal(json.lesson, undefined);
  assert.match(errors(json)[0] ?? '', /not valid JSON/);
  const empty = await importScenario(
    await scenario({ 'index.json': JSON.stringify({ title: 'x', details: { steps: [] } }) }),
  );
  assert.match(errors(empty).join('\n'), /at least one step/);
});

test('intro and step scripts become the first step onStart; answers become hints', async () => {
  const { lesson } = await importScenario(FIXTURE);
  const [first, second, third] = lesson?.steps ?? [];
  const background = first?.onStart?.background ?? '';
  assert.ok(background.indexOf('intro ran') < background.indexOf('docker pull alpine'), 'intro first');
  assert.equal(first?.onStart?.foreground, undefined);
  assert.equal(second?.onStart?.foreground, "docker ps --format '{{.Names}}'");
  assert.equal(second?.hints.en.length, 1);
  assert.match(JSON.stringify(second?.hints.en), /wait a second/, 'the answer file is the hint');
  assert.match(JSON.stringify(third?.hints.en), /Run these commands/);
  assert.deepEqual(lesson?.assets, [
    { path: 'assets/greeting.txt', target: '/root/scenario', mode: '644' },
    { path: 'assets/show-greeting.sh', target: '/root/bin', mode: '+x' },
  ]);
});

test('asset targets and paths', () => {
  assert.equal(assetTarget('~/'), '/root');
  assert.equal(assetTarget('~/bin/'), '/root/bin');
  assert.equal(assetTarget('/usr/local/bin'), '/usr/local/bin');
  assert.equal(assetTarget('work'), '/root/work');
  assert.equal(AssetSchema.safeParse({ path: '../secret', target: '/x' }).success, false);
  assert.equal(AssetSchema.safeParse({ path: 'assets/a', target: 'relative' }).success, false);
  assert.equal(AssetSchema.safeParse({ path: 'assets/a', target: '/x', mode: '0755' }).success, true);
  assert.equal(AssetSchema.safeParse({ path: 'assets/a', target: '/x', mode: '; rm -rf /' }).success, false);
});

test('the tar archive of assets is one tar reads back', async () => {
  const archive = tarArchive([
    { name: 'greeting.txt', data: Buffer.from('hello\n') },
    { name: 'run.sh', data: Buffer.alloc(700, 0x61), mode: 0o755 },
  ]);
  const listing = await new Promise<string>((resolve, reject) => {
    const child = execFile('tar', ['-tvf', '-'], (err, stdout) => (err ? reject(err) : resolve(stdout)));
    child.stdin?.end(archive);
  });
  const lines = listing.trim().split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[0] ?? '', /^-rw-r--r-- .* 6 .* greeting\.txt$/);
  assert.match(lines[1] ?? '', /^-rwxr-xr-x .* 700 .* run\.sh$/);
});

test('starting a step runs its background script without waiting and hands back its foreground', async () => {
  const ran: string[] = [];
  let finish: (r: ShellResult) => void = () => undefined;
  const shell: SandboxShell = {
    run: (script) => {
      ran.push(script);
      return new Promise((resolve) => (finish = resolve));
    },
  };
  const failures: string[] = [];
  const start = startStep(
    shell,
    { onStart: { background: 'exit 4', foreground: '#!/bin/bash\ncd /root\nls' } },
    (o) => failures.push(o.message),
  );
  assert.deepEqual(start.foreground, { action: 'exec', text: 'cd /root\nls', pane: 1, interrupt: false });
  assert.equal(ran.length, 1, 'the script started at once');
  assert.deepEqual(failures, [], 'and is still running');
  finish({ exitCode: 4, output: 'no such thing\n' });
  const outcome = await start.background;
  assert.equal(outcome?.ok, false);
  assert.match(outcome?.message ?? '', /exit status 4.*no such thing/);
  assert.equal(failures.length, 1);

  const none = startStep(shell, {});
  assert.deepEqual(none, { foreground: null, background: null });
});

test('a scenario folder among the lessons is loaded as a lesson named after its folder', async () => {
  const folder = await scenario({}, 'my-scenario');
  const { lessons, problems } = await loadLessons(path.dirname(folder));
  assert.deepEqual(
    lessons.map((l) => [l.id, l.order]),
    [['my-scenario', 1000]],
  );
  assert.ok(problems.some((p) => p.severity === 'warning' && /\{\{open\}\}/.test(p.message)));
});

test('the CLI writes a native lesson that loads back with the same steps, scripts and assets', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'katacoda-out-'));
  temps.push(dir);
  const out = path.join(dir, 'container-basics');
  const { main } = await import('../../server/lessons/katacoda/cli.js');
  const log = console.log;
  const printed: string[] = [];
  console.log = (line: string) => printed.push(line);
  try {
    assert.equal(await main([FIXTURE, '--out', out, '--order', '40']), 0);
  } finally {
    console.log = log;
  }
  assert.match(printed.join('\n'), /the written lesson lints clean/);
  const imported = (await importScenario(FIXTURE, { id: 'container-basics', order: 40 })).lesson;
  const { lesson, problems } = await loadLessonFolder(out);
  assert.deepEqual(
    problems.filter((p) => p.severity === 'error'),
    [],
  );
  assert.ok(lesson && imported);
  assert.deepEqual(lesson.languages, ['en']);
  assert.equal(lesson.title.id, lesson.title.en, 'the one language stands in for the others');
  assert.deepEqual(lesson.assets, imported.assets);
  assert.deepEqual(
    lesson.steps.map((s) => [s.id, s.checks, s.solution, s.onStart]),
    imported.steps.map((s) => [s.id, s.checks, s.solution, s.onStart]),
  );
  assert.equal(await main([path.join(dir, 'nothing-here')]).catch(() => 2), 1);
});

test('what Killercoda tolerates imports, with a warning at its place', async () => {
  const r = await importScenario(
    await scenario({
      'step1.md':
        'Run it: `docker run --rm alpine echo hi`{{exeute}}\n\n`docker inspect --format "{{.Name}}" web`\n',
      'step3-verify.sh': '#!/bin/bash\ntest -x /ks/k8s.sh\n',
      'assets/extra-one.sh': 'echo one\n',
      'assets/extra-two.sh': 'echo two\n',
      'index.json': indexWith((i) => {
        delete i.details.steps[1].title;
        i.details.assets.host01.push(
          { file: 'k8s.sh', target: '/ks', chmod: '+x' },
          { file: 'extra-*.sh', target: '/ks', chmod: '+x' },
        );
      }),
    }),
  );
  assert.ok(r.lesson, errors(r).join('\n'));
  const warnings = r.problems.map((p) => `${path.basename(p.file)}:${p.line}: ${p.message}`).join('\n');
  assert.match(warnings, /step1\.md:1: \{\{exeute\}\}: read as \{\{execute\}\}/);
  assert.match(warnings, /index\.json:\d+: step 2 has no title; called "Step 2"/);
  assert.match(warnings, /index\.json:\d+: asset "k8s\.sh" is listed but not in assets\/; skipped/);
  assert.match(warnings, /step3-verify\.sh:2: uses the asset "k8s\.sh", which is not in assets\//);
  const [first, second] = r.lesson.steps;
  assert.deepEqual(first?.solution, ['docker run --rm alpine echo hi']);
  assert.equal(second?.title.en, 'Step 2');
  const targets = (r.lesson.assets ?? []).map((a) => `${a.path} -> ${a.target}`);
  assert.ok(targets.includes('assets/extra-one.sh -> /ks') && targets.includes('assets/extra-two.sh -> /ks'));
  const text = JSON.stringify(first?.text.en);
  assert.match(text, /\{\{\.Name\}\}/, 'a Go template in code stays as it is');
});

test('what needs the internet is found per line: installs, downloads, clones and public pings', () => {
  const text = [
    'apt install jq -y',
    'pip install flask',
    'git clone https://github.com/docker/getting-started',
    'RUN wget https://example.com/app.tgz',
    '* run `ping -c 1 killercoda.com`',
    'curl -sS 172.17.0.3',
    'curl http://localhost:8080 and curl http://app-2',
    'ping app-2',
    'Documentation - https://docs.docker.com/network/',
    'docker run -d --name web nginx',
  ].join('\n');
  assert.deepEqual(
    internetUses(text).map((u) => `${u.line}: ${u.what}`),
    [
      '1: installs packages (apt install)',
      '2: installs packages (pip install)',
      '3: clones from github.com',
      '4: fetches from example.com',
      '5: pings killercoda.com',
    ],
  );
});

test("a two-node backend's machines become two hosts that reach each other with ssh", async () => {
  const r = await importScenario(
    await scenario({
      'index.json': indexWith((i) => (i.backend.imageid = 'kubernetes-kubeadm-2nodes')),
      'step1.md': 'On the node: `docker ps`{{execute HOST2}} and `ssh node01 docker ps`{{exec}}\n',
      'step3-verify.sh': '#!/bin/bash\nssh node01 docker ps | grep web\n',
    }),
  );
  assert.ok(r.lesson, errors(r).join('\n'));
  assert.deepEqual(r.lesson.hosts, ['controlplane', 'node01']);
  assert.deepEqual(r.lesson.panes, [{ host: 'controlplane' }, { host: 'node01' }]);
  assert.ok(r.problems.some((p) => /two Docker hosts here, controlplane and node01/.test(p.message)));
  const [first] = r.lesson.steps;
  assert.match(JSON.stringify(first?.text.en), /"pane":2/);
  const third = await importScenario(
    await scenario({ 'step3-verify.sh': '#!/bin/bash\nssh node01 docker ps | grep web\n' }),
  );
  assert.match(
    errors(third).join('\n'),
    /reaches the machine "node01" over ssh, which this scenario does not have/,
  );
});
