// The page's words in every language, and the one page language that picks them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LANGUAGES, type Language } from '../../common/lesson';
import { LANGUAGE_KEY, PageLanguage, type LanguageStorage } from '../../client/src/i18n/language';
import { LanguageController, liveStrings } from '../../client/src/i18n/language-controller';
import { languageStrings, lessonStrings, pageStrings, workspaceStrings } from '../../client/src/i18n/strings';
import type { LanguageStrings } from '../../client/src/i18n/strings-type';

/** Stands in for any argument a word function takes: a host, a count, a port, a code. */
const sample = {
  port: 8080,
  host: 'node1',
  container: 'web',
  toString: () => '2',
  valueOf: () => 2,
};

/** Every word reachable in `value`, by its path; functions are called with sample arguments. */
function leaves(value: unknown, path: string): [string, unknown][] {
  if (typeof value === 'function')
    return [[`${path}()`, (value as (...a: unknown[]) => unknown)(sample, sample)]];
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${path}[${i}]`));
  // The server's messages take their own parameters: test/unit/messages.test.ts covers them.
  if (value && typeof value === 'object')
    return Object.entries(value)
      .filter(([k]) => k !== 'serverMessages')
      .flatMap(([k, v]) => leaves(v, `${path}.${k}`));
  return [[path, value]];
}

const parts = Object.keys(languageStrings.en) as (keyof LanguageStrings)[];

/** Each part of the words (page, workspace, lesson), by language. */
const groups = Object.fromEntries(
  parts.map((part) => [part, Object.fromEntries(LANGUAGES.map((l) => [l, languageStrings[l][part]]))]),
) as Record<string, Record<Language, unknown>>;

describe('words in every language', () => {
  test('every language has the same parts', () => {
    for (const language of LANGUAGES)
      assert.deepEqual(Object.keys(languageStrings[language]), Object.keys(languageStrings.en), language);
    assert.deepEqual(Object.keys(groups), ['page', 'workspace', 'lesson', 'watch', 'workshop']);
    assert.equal(groups.page?.id, pageStrings.id);
    assert.equal(groups.workspace?.id, workspaceStrings.id);
    assert.equal(groups.lesson?.id, lessonStrings.id);
  });

  for (const [group, byLanguage] of Object.entries(groups)) {
    test(`${group}: every language has every word, none empty`, () => {
      const english = leaves(byLanguage.en, group).map(([p]) => p);
      for (const language of LANGUAGES) {
        const words = leaves(byLanguage[language], group);
        assert.deepEqual(
          words.map(([p]) => p),
          english,
          `${language} has the same keys as en`,
        );
        for (const [p, word] of words) {
          assert.equal(typeof word, 'string', `${language} ${p} is a string`);
          assert.ok((word as string).trim(), `${language} ${p} is not empty`);
          assert.doesNotMatch(word as string, /undefined|\[object/, `${language} ${p} reads its arguments`);
        }
      }
    });
  }

  test('Indonesian is translated, not a copy of English', () => {
    for (const [group, byLanguage] of Object.entries(groups)) {
      const en = new Map(leaves(byLanguage.en, group));
      const id = leaves(byLanguage.id, group);
      const same = id.filter(([p, word]) => en.get(p) === word).map(([p]) => p);
      assert.ok(same.length <= id.length * 0.15, `${group}: too many English words kept: ${same.join(', ')}`);
    }
  });
});

class MemoryStorage implements LanguageStorage {
  items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const saved = (value: string) => {
  const storage = new MemoryStorage();
  storage.setItem(LANGUAGE_KEY, value);
  return storage;
};

describe('the page language', () => {
  test('a saved choice wins over the browser, the browser over English', () => {
    assert.equal(new PageLanguage({ storage: saved('id'), preferred: ['en-US'] }).current, 'id');
    assert.equal(new PageLanguage({ storage: saved('en'), preferred: ['id-ID'] }).current, 'en');
    assert.equal(
      new PageLanguage({ storage: new MemoryStorage(), preferred: ['fr', 'id-ID'] }).current,
      'id',
    );
    assert.equal(new PageLanguage({ storage: saved('xx'), preferred: ['id'] }).current, 'id');
    assert.equal(new PageLanguage({ preferred: ['fr', 'de'] }).current, 'en');
    assert.equal(new PageLanguage().current, 'en');
  });

  test('storage that throws is as good as none', () => {
    const blocked: LanguageStorage = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('blocked');
      },
    };
    const language = new PageLanguage({ storage: blocked, preferred: ['id'] });
    assert.equal(language.current, 'id');
    language.set('en');
    assert.equal(language.current, 'en');
  });

  test('switching saves the choice, sets <html lang> and tells each subscriber once', () => {
    const storage = new MemoryStorage();
    const root = { lang: '' };
    const language = new PageLanguage({ storage, preferred: ['en'], root });
    assert.equal(root.lang, 'en');
    const heard: Language[] = [];
    const stop = language.subscribe((l) => heard.push(l));
    language.set('id');
    language.set('id');
    assert.deepEqual(heard, ['id']);
    assert.equal(storage.getItem(LANGUAGE_KEY), 'id');
    assert.equal(root.lang, 'id');
    assert.equal(new PageLanguage({ storage, preferred: ['en'] }).current, 'id', 'a reload keeps it');
    stop();
    language.set('en');
    assert.deepEqual(heard, ['id'], 'no news after unsubscribing');
    assert.equal(root.lang, 'en');
  });

  test('a language the page does not have is refused', () => {
    const language = new PageLanguage();
    assert.throws(() => language.set('fr' as Language), /Unknown language "fr": the page speaks en, id/);
    assert.equal(language.current, 'en');
  });
});

describe('LanguageController', () => {
  const fakeHost = () => {
    const host = {
      updates: 0,
      controllers: [] as unknown[],
      addController(c: unknown) {
        host.controllers.push(c);
      },
      removeController() {},
      requestUpdate() {
        host.updates += 1;
      },
      updateComplete: Promise.resolve(true),
    };
    return host;
  };

  test('re-renders its component on a switch while connected, and gives the words of the moment', () => {
    const source = new PageLanguage({ preferred: ['en'] });
    const host = fakeHost();
    const controller = new LanguageController(host, source);
    assert.deepEqual(host.controllers, [controller]);
    assert.equal(controller.strings, pageStrings.en);
    controller.hostConnected();
    source.set('id');
    assert.equal(host.updates, 1);
    assert.equal(controller.language, 'id');
    assert.equal(controller.strings, pageStrings.id);
    assert.equal(controller.workspace, workspaceStrings.id);
    assert.equal(controller.lesson, lessonStrings.id);
    controller.hostDisconnected();
    source.set('en');
    assert.equal(host.updates, 1, 'a disconnected component is left alone');
  });

  test('live strings answer in the language of the moment they are read', () => {
    const source = new PageLanguage({ preferred: ['en'] });
    const live = liveStrings(source);
    assert.equal(live.networkError, pageStrings.en.networkError);
    source.set('id');
    assert.equal(live.networkError, pageStrings.id.networkError);
    assert.equal(live.unexpectedAnswer(502), pageStrings.id.unexpectedAnswer(502));
  });
});
