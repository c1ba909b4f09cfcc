// The workshops' refusals in both languages: every one a learner or trainer can meet is a
// catalogue message (code and parameters), and every workshop message has words in every
// language, not the English ones copied.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { LANGUAGES } from '../../common/lesson.js';
import { messageCatalogues } from '../../common/message-catalogues.js';
import { workshopWords } from '../../common/messages-workshops-en.js';

const ROOT = path.resolve(import.meta.dirname, '../../server/workshops');

/**
 * Refusals given as plain English in `source` that are not a malformed request (400: a
 * script's mistake, which the pages never make), as "file: status text".
 */
function englishOnly(file: string, source: string): string[] {
  const found: string[] = [];
  const literal = /new PlaygroundError\(\s*(['"`])([\s\S]*?)\1,\s*(\d{3})\s*\)/g;
  for (const [, , text, status] of source.matchAll(literal))
    if (status !== '400') found.push(`${file}: ${status} ${text}`);
  return found;
}

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

test('the scan finds a refusal given as plain English, and lets a malformed request’s pass', () => {
  const sample = `throw new PlaygroundError('This seat is gone.', 404);
    throw new PlaygroundError(message('seat-gone', {}), 404);
    throw new PlaygroundError(\`"\${field}" must be true or false.\`, 400);`;
  assert.deepEqual(englishOnly('x.ts', sample), ['x.ts: 404 This seat is gone.']);
});

test('every workshop refusal a page can meet is a message of the catalogue', async () => {
  const found: string[] = [];
  for (const file of await sources(ROOT))
    found.push(...englishOnly(path.relative(ROOT, file), await readFile(file, 'utf8')));
  assert.deepEqual(found, [], 'give these a code in common/messages-workshops-en.ts and -id.ts');
});

test('every workshop message has its own words in every language', () => {
  for (const language of LANGUAGES) {
    const catalogue = messageCatalogues[language] as unknown as Record<string, unknown>;
    for (const [code, english] of Object.entries(workshopWords)) {
      const words = catalogue[code];
      assert.equal(typeof words, 'function', `${language} lacks "${code}"`);
      const params = {
        field: 'name',
        max: 3,
        hours: 8,
        seats: 5,
        fit: 4,
        days: 90,
        id: 'x',
        step: 's',
        name: 'Ani',
        seconds: 6,
      };
      const said = (words as (p: object) => string)(params);
      assert.ok(said.trim(), `${language}: "${code}" says nothing`);
      if (language !== 'en')
        assert.notEqual(
          said,
          (english as (p: object) => string)(params),
          `${language}: "${code}" is English`,
        );
    }
  }
});
