// The Markdown side of lesson files: front matter, step sections, hints and command markers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commandsOf } from '../../common/lesson.js';
import { parseBlocks, parseMarker } from '../../server/lessons/markdown-blocks.js';
import { extractHints, slugify, splitFrontMatter, splitSections } from '../../server/lessons/markdown.js';

test('front matter is split from the body, with line numbers', () => {
  const fm = splitFrontMatter('---\ntitle: A\nsummary: B\n---\n\nBody\n');
  assert.equal(fm.yaml, 'title: A\nsummary: B');
  assert.equal(fm.yamlLine, 2);
  assert.equal(fm.bodyLine, 5);
  assert.equal(fm.body, '\nBody\n');
});

test('CRLF files and a byte order mark are read the same', () => {
  const fm = splitFrontMatter('\uFEFF---\r\ntitle: A\r\n---\r\nBody\r\n');
  assert.equal(fm.yaml, 'title: A');
  assert.equal(fm.body, 'Body\n');
});

test('a file without front matter is all body', () => {
  for (const text of ['# Title\n\ntext', '---\ntitle: never closed\n']) {
    const fm = splitFrontMatter(text);
    assert.equal(fm.yaml, null);
    assert.equal(fm.bodyLine, 1);
  }
});

test('## headings split steps; {#id} names them, or else the heading text does', () => {
  const body = [
    'Intro line', // 10
    '', // 11
    '## Create a network {#create-network}', // 12
    'text one', // 13
    '### A sub-heading stays in the step', // 14
    '## Ping by name!', // 15
    '```', // 16
    '## not a heading inside code', // 17
    '```', // 18
    '## Último paso {#last}', // 19
  ].join('\n');
  const { intro, sections } = splitSections(body, 10);
  assert.equal(intro.markdown, 'Intro line\n');
  assert.equal(intro.line, 10);
  assert.deepEqual(
    sections.map((s) => [s.id, s.title, s.explicitId, s.line, s.markdownLine]),
    [
      ['create-network', 'Create a network', true, 12, 13],
      ['ping-by-name', 'Ping by name!', false, 15, 16],
      ['last', 'Último paso', true, 19, 20],
    ],
  );
  assert.equal(sections[0]?.markdown, 'text one\n### A sub-heading stays in the step');
  assert.match(sections[1]?.markdown ?? '', /## not a heading inside code/);
});

test('slugify', () => {
  assert.equal(slugify('Ping by name!'), 'ping-by-name');
  assert.equal(slugify('  Último  paso '), 'ultimo-paso');
});

test('markers: exec, pane, interrupt, copy, and mistakes', () => {
  const cmd = (marker: string) => {
    const r = parseMarker(marker);
    return r.ok ? r.command('x') : r.error;
  };
  assert.deepEqual(cmd('{{exec}}'), { action: 'exec', text: 'x', pane: 1, interrupt: false });
  assert.deepEqual(cmd('{{execute}}'), { action: 'exec', text: 'x', pane: 1, interrupt: false });
  assert.deepEqual(cmd('{{exec T2}}'), { action: 'exec', text: 'x', pane: 2, interrupt: false });
  assert.deepEqual(cmd('{{exec interrupt}}'), { action: 'exec', text: 'x', pane: 1, interrupt: true });
  assert.deepEqual(cmd('{{ exec interrupt T3 }}'), { action: 'exec', text: 'x', pane: 3, interrupt: true });
  assert.deepEqual(cmd('{{copy}}'), { action: 'copy', text: 'x' });
  assert.match(cmd('{{copy T2}}') as string, /takes no options/);
  assert.match(cmd('{{exec T0}}') as string, /numbered from T1/);
  assert.match(cmd('{{exec T2 T3}}') as string, /repeated option "T3"/);
  assert.match(cmd('{{run}}') as string, /unknown marker \{\{run\}\}/);
});

test('fenced code with a marker after the closing fence becomes a command block', () => {
  const md = [
    'Run this:', // 1
    '', // 2
    '```sh', // 3
    'docker network create backend-network', // 4
    'docker network ls', // 5
    '```{{exec T2}}', // 6
    '', // 7
    '```', // 8
    'plain code stays in the Markdown', // 9
    '```', // 10
    '~~~', // 11
    'copy me', // 12
    '~~~{{copy}}', // 13
    'After.', // 14
  ].join('\n');
  const { blocks, commands, problems } = parseBlocks(md, 1);
  assert.deepEqual(problems, []);
  assert.deepEqual(blocks, [
    { kind: 'markdown', markdown: 'Run this:', commands: [] },
    {
      kind: 'command',
      lang: 'sh',
      command: {
        action: 'exec',
        text: 'docker network create backend-network\ndocker network ls',
        pane: 2,
        interrupt: false,
      },
    },
    { kind: 'markdown', markdown: '```\nplain code stays in the Markdown\n```', commands: [] },
    { kind: 'command', command: { action: 'copy', text: 'copy me' } },
    { kind: 'markdown', markdown: 'After.', commands: [] },
  ]);
  assert.deepEqual(
    commands.map((c) => c.line),
    [3, 11],
  );
});

test('inline code with a marker stays in its paragraph and is counted among its code spans', () => {
  const md = 'List with `docker ps`, then run `docker ps -a`{{exec}}\nor copy `` a `b` c ``{{copy}} and `x`.';
  const { blocks, commands, problems } = parseBlocks(md, 7);
  assert.deepEqual(problems, []);
  assert.deepEqual(blocks, [
    {
      kind: 'markdown',
      markdown: 'List with `docker ps`, then run `docker ps -a`\nor copy `` a `b` c `` and `x`.',
      commands: [
        { codeIndex: 1, command: { action: 'exec', text: 'docker ps -a', pane: 1, interrupt: false } },
        { codeIndex: 2, command: { action: 'copy', text: 'a `b` c' } },
      ],
    },
  ]);
  assert.deepEqual(
    commands.map((c) => c.line),
    [7, 8],
  );
  assert.deepEqual(
    commandsOf(blocks).map((c) => c.text),
    ['docker ps -a', 'a `b` c'],
  );
});

test('escaped backticks are not code spans', () => {
  const { blocks, problems } = parseBlocks('a \\`b\\` then `c`{{exec}}', 1);
  assert.deepEqual(problems, []);
  assert.deepEqual(blocks[0], {
    kind: 'markdown',
    markdown: 'a \\`b\\` then `c`',
    commands: [{ codeIndex: 0, command: { action: 'exec', text: 'c', pane: 1, interrupt: false } }],
  });
});

test('marker mistakes are reported at their line', () => {
  const md = [
    '```{{exec}}', // 1: marker on the opening fence
    'echo hi', // 2
    '```', // 3
    'A stray {{exec}} in text.', // 4
    '`ls`{{exec nope}}', // 5
    '```', // 6: an empty block...
    '```{{exec}}', // 7: ...with a marker
    '```', // 8: never closed
    'echo lost', // 9
  ].join('\n');
  const { problems } = parseBlocks(md, 1);
  const expected: [number, RegExp][] = [
    [1, /^put the marker after the closing fence/],
    [4, /^\{\{exec\}\} must follow inline code/],
    [5, /^unknown or repeated option "nope" in \{\{exec nope\}\}/],
    [6, /^\{\{exec\}\} follows an empty code block/],
    [8, /^code block is never closed/],
  ];
  assert.equal(problems.length, expected.length, JSON.stringify(problems));
  expected.forEach(([line, message], i) => {
    assert.equal(problems[i]?.line, line);
    assert.match(problems[i]?.message ?? '', message);
  });
});

test('hints are blockquotes opening with [!hint], taken out of the text', () => {
  const md = [
    'Step text.', // 20
    '', // 21
    '> [!hint]', // 22
    '> First hint with `code`.', // 23
    '', // 24
    '> [!HINT] Second hint, inline.', // 25
    '> More of it.', // 26
    '> [!hint]', // 27
    '> Third, right after.', // 28
    '', // 29
    '> An ordinary quote stays.', // 30
    '```', // 31
    '> [!hint] inside code is code', // 32
    '```', // 33
  ].join('\n');
  const { text, hints } = extractHints(md, 20);
  assert.deepEqual(hints, [
    { markdown: '\nFirst hint with `code`.', line: 22 },
    { markdown: 'Second hint, inline.\nMore of it.', line: 25 },
    { markdown: '\nThird, right after.', line: 27 },
  ]);
  assert.equal(text.split('\n').length, md.split('\n').length, 'line count is kept');
  assert.match(text, /^Step text\./);
  assert.match(text, /> An ordinary quote stays\./);
  assert.match(text, /> \[!hint\] inside code is code/);
  assert.doesNotMatch(text, /First hint/);
});
