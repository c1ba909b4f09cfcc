// The server's messages for learners: every language has every message, with the same
// parameters, and the page says what the server sent in its own language.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { LANGUAGES } from '../../common/lesson.js';
import { messageCatalogues, messageText } from '../../common/message-catalogues.js';
import { enMessages } from '../../common/messages-en.js';
import { message, parseMessage, renderMessage, type MessageCatalogue } from '../../common/messages.js';
import { languageStrings } from '../../client/src/i18n/strings.js';
import { serverWords } from '../../client/src/i18n/server-words.js';

/** Keys of `reference` that `other` lacks (or has as something other than words). */
function missingKeys(reference: object, other: object): string[] {
  return Object.keys(reference).filter(
    (key) => typeof (other as Record<string, unknown>)[key] !== 'function',
  );
}

/** The parameter names a message's words read, found by rendering with a recording object. */
function paramsRead(words: (p: never) => string): string[] {
  const read = new Set<string>();
  const params = new Proxy(
    {},
    {
      get: (_target, key) => {
        if (typeof key === 'string') read.add(key);
        return `<${String(key)}>`;
      },
    },
  );
  words(params as never);
  return [...read].sort();
}

test('every language has every message of the English catalogue, and no other', () => {
  for (const language of LANGUAGES) {
    const catalogue = messageCatalogues[language];
    assert.deepEqual(missingKeys(enMessages, catalogue), [], `${language} lacks messages`);
    assert.deepEqual(missingKeys(catalogue, enMessages), [], `${language} has messages English lacks`);
  }
});

test('a catalogue with a message missing is found out', () => {
  const { 'container-missing': _dropped, ...rest } = messageCatalogues.id;
  assert.deepEqual(missingKeys(enMessages, rest), ['container-missing']);
});

test("each language's words read the same parameters as the English ones", () => {
  for (const language of LANGUAGES) {
    const catalogue = messageCatalogues[language] as unknown as Record<string, (p: never) => string>;
    for (const [code, words] of Object.entries(enMessages)) {
      const english = paramsRead(words as (p: never) => string);
      // A language may leave out a parameter only where English has a fallback for it.
      assert.deepEqual(paramsRead(catalogue[code]!), english, `${language}: ${code}`);
    }
  }
});

test("the page's words of every language carry that language's server messages", () => {
  for (const language of LANGUAGES) {
    const strings = languageStrings[language];
    for (const part of [strings.page, strings.workspace, strings.lesson]) {
      assert.equal(part.serverMessages, messageCatalogues[language], language);
    }
  }
});

test('a message renders in each language, nested messages included', () => {
  const notRunning = message('container-exited', { name: 'web', exitCode: 1 });
  const m = message('port-once-running', { problem: notRunning, port: 8080 });
  const english = messageText(m);
  assert.match(english, /Container "web" exists but is not running \(it exited with code 1\)/);
  assert.match(english, /Once it runs, it publishes port 8080\./);
  const indonesian = messageText(m, 'id');
  assert.match(indonesian, /Container "web" ada tetapi tidak berjalan \(keluar dengan kode 1\)/);
  assert.match(indonesian, /mempublikasikan port 8080/);
});

test('the page renders what the server sent in its language, else the English beside it', () => {
  const sent = JSON.parse(JSON.stringify(message('network-missing', { name: 'backend' }))) as unknown;
  const id = messageCatalogues.id;
  assert.equal(
    serverWords(id, 'English words', sent),
    'Belum ada network bernama "backend". Buat dengan docker network create backend.',
  );
  assert.equal(serverWords(id, 'English words', undefined), 'English words');
  assert.equal(serverWords(id, 'English words', { code: 'no-such-code', params: {} }), 'English words');
  assert.equal(
    serverWords(id, 'English words', { code: 'network-missing', params: { name: {} } }),
    'English words',
  );
});

test('parseMessage refuses what is not a message', () => {
  const en: MessageCatalogue = messageCatalogues.en;
  for (const bad of [
    null,
    'text',
    3,
    [],
    { code: 'toString', params: {} },
    { code: 'text' },
    { code: 'text', params: [] },
  ]) {
    assert.equal(parseMessage(bad, en), undefined, JSON.stringify(bad));
  }
  assert.equal(parseMessage({ code: 'text', params: { text: 'x'.repeat(2001) } }, en), undefined);
  const deep = {
    code: 'text',
    params: {
      text: {
        code: 'text',
        params: {
          text: {
            code: 'text',
            params: { text: { code: 'text', params: { text: { code: 'text', params: { text: 'x' } } } } },
          },
        },
      },
    },
  };
  assert.equal(parseMessage(deep, en), undefined);
  const ok = parseMessage({ code: 'workshop-full', params: { seats: 3 } }, en);
  assert.ok(ok);
  assert.equal(
    renderMessage(en, ok),
    'The workshop is full: all 3 seats are taken. Ask the trainer for a seat.',
  );
});

test('the sandbox image has its welcome text in every language', () => {
  for (const language of LANGUAGES) {
    const file = language === 'en' ? 'images/sandbox/motd' : `images/sandbox/motd.${language}`;
    assert.ok(existsSync(file), `${file} is missing`);
  }
});
