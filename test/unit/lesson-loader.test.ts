// Loading lessons: schema errors at their YAML line, the lint command on a broken fixture, and
// every real lesson loading clean in every language.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  LANGUAGES,
  LessonSchema,
  LessonSummarySchema,
  localizeLesson,
  pickLanguage,
} from '../../common/lesson.js';
import { LessonCatalogue } from '../../server/lessons/catalogue.js';
import { formatProblem, lint } from '../../server/lessons/lint.js';
import { LESSONS_DIR, loadLessonFolder, loadLessons } from '../../server/lessons/loader.js';
import { parseYamlSource, schemaProblems } from '../../server/lessons/yaml-source.js';
import { LessonSourceSchema } from '../../server/lessons/source.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = path.join(ROOT, 'test/fixtures/lessons');

/** Writes a lesson folder in a temporary directory. */
async function tempLesson(
  name: string,
  files: Record<string, string>,
): Promise<{ dir: string; folder: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lessons-'));
  const folder = path.join(dir, name);
  await cp(path.join(FIXTURES, 'good-lesson'), folder, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(path.join(folder, file), text);
  return { dir, folder };
}

test('schema errors point at the YAML line that holds them', () => {
  const yaml = [
    'id: x', // 1
    'order: 1', // 2
    'hosts: [docker]', // 3
    'panes:', // 4
    '  - host: docker', // 5
    'steps:', // 6
    '  - id: a', // 7
    '    checks:', // 8
    '      - type: http_get', // 9
    '        port: "3000"', // 10
    '        contains: hi', // 11
    '    solution: [ls]', // 12
    '    extra: true', // 13
  ].join('\n');
  const source = parseYamlSource(yaml);
  const parsed = LessonSourceSchema.safeParse(source.value);
  assert.ok(!parsed.success);
  const problems = schemaProblems(parsed.error, source);
  assert.deepEqual(
    problems.map((p) => p.line),
    [10, 13],
  );
  assert.match(problems[0]?.message ?? '', /^steps\.0\.checks\.0\.port: .*expected number/);
  assert.match(problems[1]?.message ?? '', /Unrecognized key: "extra"/);
});

test('YAML in front matter is reported at the line of the file, not of the YAML', () => {
  const source = parseYamlSource('title: ok\nsummary: [unclosed', 2);
  assert.equal(source.problems.length > 0, true);
  assert.equal(source.problems[0]?.line, 3);
  assert.equal(source.lineOf(['summary']), 3);
  assert.equal(source.lineOf(['missing', 'deeper']), 2, 'a missing key falls back to its parent');
});

test('the lint command finds every mistake in the broken fixtures, with file and line', async () => {
  const result = await lint(FIXTURES);
  const lines = result.problems.map((p) => formatProblem(p, ROOT));
  const notBuilt = (image: string) =>
    `image "${image}" is not one the playground builds (it builds: alpine, `;
  const expected = [
    'test/fixtures/lessons/broken-lesson/en.md:8: a hint must be inside a step (under its ## heading)',
    'test/fixtures/lessons/broken-lesson/en.md:15: {{exec T3}} names pane 3, but the lesson has 2 panes',
    'test/fixtures/lessons/broken-lesson/en.md:19: unknown or repeated option "banana" in {{exec banana}}',
    'test/fixtures/lessons/broken-lesson/en.md:21: hint 1 of step "first-step" is empty',
    'test/fixtures/lessons/broken-lesson/en.md:24: unknown step id "third-step" (lesson.yaml has "first-step", "second-step")',
    'test/fixtures/lessons/broken-lesson/en.md:31: step "second-step" has no hints in English (add a "> [!hint]" blockquote)',
    `test/fixtures/lessons/broken-lesson/en.md:33: ${notBuilt('mongo')}`,
    'test/fixtures/lessons/broken-lesson/fr.md:1: warning: "fr" is not a lesson language (en, id); ignored',
    'test/fixtures/lessons/broken-lesson/id.md:2: summary: Invalid input: expected string, received undefined',
    'test/fixtures/lessons/broken-lesson/id.md:5: step "first-step" has no text in Indonesian',
    'test/fixtures/lessons/broken-lesson/id.md:5: step "second-step" has no text in Indonesian',
    'test/fixtures/lessons/broken-lesson/id.md:10: step "first-step" appears twice (first on line 5)',
    'test/fixtures/lessons/broken-lesson/lesson.yaml:2: id "broken" must be the folder\'s name, "broken-lesson"',
    'test/fixtures/lessons/broken-lesson/lesson.yaml:7: pane 2 is on host "other", which is not in hosts',
    `test/fixtures/lessons/broken-lesson/lesson.yaml:10: ${notBuilt('mongo')}`,
    `test/fixtures/lessons/broken-lesson/lesson.yaml:21: ${notBuilt('busybox')}`,
    `test/fixtures/lessons/broken-lesson/lesson.yaml:23: ${notBuilt('redis:7')}`,
    'test/fixtures/lessons/broken-lesson/lesson.yaml:24: duplicate step id "first-step" (first on line 12)',
    'test/fixtures/lessons/broken-schema/en.md:3: YAML: Missing closing "quote',
    'test/fixtures/lessons/broken-schema/id.md:1: no front matter: start the file with a "---" line, title:, summary: and "---"',
    'test/fixtures/lessons/broken-schema/lesson.yaml:2: order: Invalid input: expected number, received string',
    'test/fixtures/lessons/broken-schema/lesson.yaml:6: Unrecognized key: "colour"',
    'test/fixtures/lessons/broken-schema/lesson.yaml:10: steps.0.checks.0.container: Invalid input: expected string, received undefined',
    'test/fixtures/lessons/broken-schema/lesson.yaml:11: steps.0.checks.1.type: Invalid discriminator value',
    'test/fixtures/lessons/broken-schema/lesson.yaml:13: steps.0.solution: a step needs a solution: the commands that complete it',
  ];
  assert.equal(lines.length, expected.length, lines.join('\n'));
  expected.forEach((want, i) =>
    assert.ok(lines[i]?.startsWith(want), `line ${i}:\n  got  ${lines[i]}\n  want ${want}`),
  );
  assert.equal(result.errors, expected.length - 1);
  assert.equal(result.warnings, 1);
  assert.deepEqual(result.lessons, ['good-lesson'], 'only the lesson without errors is ready');
});

test('the lint command prints file:line problems and exits 1 on errors, 0 when clean', async () => {
  const run = promisify(execFile);
  const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
  const failed = await run(tsx, ['server/lessons/lint.ts', 'test/fixtures/lessons'], { cwd: ROOT }).then(
    () => null,
    (err: { code: number; stdout: string }) => err,
  );
  assert.ok(failed, 'exits non-zero');
  assert.equal(failed.code, 1);
  assert.match(
    failed.stdout,
    /^test\/fixtures\/lessons\/broken-lesson\/en\.md:8: a hint must be inside a step/m,
  );
  assert.match(failed.stdout, /^24 errors, 1 warning; 1 lesson ready: good-lesson$/m);

  const { stdout } = await run(tsx, ['server/lessons/lint.ts'], { cwd: ROOT });
  assert.match(stdout, /^0 errors, 0 warnings; 5 lessons ready/m);
});

test('the good fixture merges both languages into one lesson', async () => {
  const { lesson, problems } = await loadLessonFolder(path.join(FIXTURES, 'good-lesson'));
  assert.deepEqual(problems, []);
  assert.ok(lesson);
  assert.equal(lesson.title.en, 'Good lesson');
  assert.equal(lesson.title.id, 'Pelajaran baik');
  const [step] = lesson.steps;
  assert.ok(step);
  assert.equal(step.title.id, 'Ucapkan halo');
  assert.deepEqual(step.checks, [{ type: 'container_exists', container: 'hello' }]);
  assert.deepEqual(step.text.en[0], {
    kind: 'command',
    lang: 'sh',
    command: { action: 'exec', text: 'docker run --name hello alpine echo hello', pane: 1, interrupt: false },
  });
  assert.deepEqual(step.text.en[1], {
    kind: 'markdown',
    markdown: 'Watch in the second pane: `docker ps -a`, or stop it there first:\n`docker ps`.',
    commands: [
      { codeIndex: 0, command: { action: 'exec', text: 'docker ps -a', pane: 2, interrupt: false } },
      { codeIndex: 1, command: { action: 'exec', text: 'docker ps', pane: 2, interrupt: true } },
    ],
  });
  // A hint with a fenced command inside its blockquote.
  assert.deepEqual(step.hints.en[1], [
    { kind: 'markdown', markdown: 'Run:', commands: [] },
    {
      kind: 'command',
      command: {
        action: 'exec',
        text: 'docker run --name hello alpine echo hello',
        pane: 1,
        interrupt: false,
      },
    },
  ]);
  assert.equal(step.hints.id.length, 2);

  const local = localizeLesson(lesson, 'id');
  assert.equal(local.title, 'Pelajaran baik');
  assert.equal(local.steps[0]?.hints.length, 2);
  assert.equal(pickLanguage(['id-ID', 'en']), 'id');
  assert.equal(pickLanguage(['fr']), 'en');
});

test('lessons sharing an order are reported', async () => {
  const { dir } = await tempLesson('good-lesson', {});
  try {
    await cp(path.join(dir, 'good-lesson'), path.join(dir, 'other-lesson'), { recursive: true });
    const yamlFile = path.join(dir, 'other-lesson', 'lesson.yaml');
    const { readFile } = await import('node:fs/promises');
    await writeFile(
      yamlFile,
      (await readFile(yamlFile, 'utf8')).replace('id: good-lesson', 'id: other-lesson'),
    );
    const { lessons, problems } = await loadLessons(dir);
    assert.deepEqual(
      problems.map((p) => formatProblem(p, dir)),
      ['other-lesson/lesson.yaml:2: order 2 is also the order of good-lesson/'],
    );
    assert.deepEqual(
      lessons.map((l) => l.id),
      ['good-lesson'],
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a missing language file and a missing step are named with the language', async () => {
  const { dir, folder } = await tempLesson('good-lesson', {
    'id.md': '---\ntitle: Judul\nsummary: Ringkasan\n---\n\nPengantar saja.\n',
  });
  try {
    await rm(path.join(folder, 'en.md'));
    const { problems } = await loadLessons(dir);
    assert.deepEqual(
      problems.map((p) => formatProblem(p, dir)),
      [
        'good-lesson/en.md:1: missing: the lesson has no English text (en.md)',
        'good-lesson/id.md:6: step "say-hello" has no text in Indonesian',
      ],
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('an image used in a command must be listed in lesson.yaml', async () => {
  const { dir } = await tempLesson('good-lesson', {
    'lesson.yaml': [
      'id: good-lesson',
      'order: 2',
      'hosts: [docker]',
      'panes: [{ host: docker }, { host: docker }]',
      'images: [alpine, postgres:9.4]',
      'steps:',
      '  - id: say-hello',
      '    checks: [{ type: container_exists, container: hello }]',
      '    solution:',
      '      - docker run --name hello alpine echo hello',
      '      - docker run -d --name cache -v data:/data redis:alpine',
      '      - docker build -t my-app . && docker run --rm my-app',
    ].join('\n'),
  });
  try {
    const { problems } = await loadLessons(dir);
    assert.deepEqual(
      problems.map((p) => formatProblem(p, dir)),
      [
        'good-lesson/lesson.yaml:5: warning: image "postgres:9.4" is listed but no command or check uses it',
        'good-lesson/lesson.yaml:11: image "redis:alpine" is used but not listed in lesson.yaml images',
      ],
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('every lesson in lessons/ loads clean in every language', async () => {
  const { lessons, problems } = await loadLessons(LESSONS_DIR);
  assert.deepEqual(
    problems.map((p) => formatProblem(p, ROOT)),
    [],
  );
  assert.deepEqual(
    lessons.map((l) => l.id),
    ['docker-basics', 'container-links', 'docker-networks', 'voting-app', 'katacoda-first-container'],
  );
  // Written natively in every language (an imported scenario is checked in katacoda-import.test.ts).
  for (const lesson of lessons.filter((l) => !l.languages)) {
    LessonSchema.parse(lesson);
    for (const language of LANGUAGES) {
      const local = localizeLesson(lesson, language);
      assert.ok(local.title && local.summary, `${lesson.id} has a title and summary in ${language}`);
      for (const step of local.steps) {
        assert.ok(step.title, `${lesson.id}/${step.id} has a title in ${language}`);
        assert.ok(step.text.length, `${lesson.id}/${step.id} has text in ${language}`);
        assert.ok(step.hints.length >= 2, `${lesson.id}/${step.id} has several hints in ${language}`);
        const commands = step.text.filter((b) => b.kind === 'command');
        assert.ok(commands.length, `${lesson.id}/${step.id} offers a command to run in ${language}`);
      }
    }
    // Translations carry the same commands, so a learner runs the same thing in any language.
    for (const step of lesson.steps) {
      const runs = (language: (typeof LANGUAGES)[number]) =>
        step.text[language].flatMap((b) => (b.kind === 'command' ? [JSON.stringify(b.command)] : []));
      assert.deepEqual(runs('id'), runs('en'), `${lesson.id}/${step.id}: same commands in both languages`);
    }
  }
});

test('the catalogue lists lessons in order with titles, step counts and languages', async () => {
  const catalogue = await LessonCatalogue.load();
  const list = catalogue.list();
  for (const entry of list) LessonSummarySchema.parse(entry);
  assert.deepEqual(
    list.map((l) => [l.id, l.order, l.stepCount, l.languages]),
    [
      ['docker-basics', 1, 7, ['en', 'id']],
      ['container-links', 2, 6, ['en', 'id']],
      ['docker-networks', 3, 8, ['en', 'id']],
      ['voting-app', 4, 6, ['en', 'id']],
      ['katacoda-first-container', 1000, 3, ['en']],
    ],
  );
  assert.equal(list[2]?.title.en, 'Docker networks');
  assert.equal(list[2]?.title.id, 'Jaringan Docker');
  assert.equal(catalogue.localized('voting-app', 'id')?.steps[0]?.title, 'Membuat dua jaringan');
  assert.equal(catalogue.get('nope'), undefined);
});
