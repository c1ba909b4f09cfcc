// Every piece of text the page shows, in each language of `LANGUAGES` (common/lesson.ts):
// one file per language (./en.ts, ./id.ts) filling in the shape of ./strings-type.ts.
// Components read them through a LanguageController (./language-controller.ts), so they
// follow the language the learner picks on the page.
import { LANGUAGES, type Language } from '../../../common/lesson';
import { en } from './en';
import { id } from './id';
import type { LanguageStrings, Strings } from './strings-type';

/** All the words of each language. */
export const languageStrings: Readonly<Record<Language, LanguageStrings>> = { en, id };

/** One part of every language's words, by language. */
function byLanguage<K extends keyof LanguageStrings>(
  part: K,
): Readonly<Record<Language, LanguageStrings[K]>> {
  const entries = LANGUAGES.map((language) => [language, languageStrings[language][part]]);
  return Object.fromEntries(entries) as Record<Language, LanguageStrings[K]>;
}

/** The page shell's words in each language. */
export const pageStrings = byLanguage('page');

/** The terminal workspace's words in each language. */
export const workspaceStrings = byLanguage('workspace');

/** The lesson UI's words in each language the lessons are written in. */
export const lessonStrings = byLanguage('lesson');

/** The words of watched terminals (workshops) in each language. */
export const watchStrings = byLanguage('watch');

/** The workshops' words in each language. */
export const workshopStrings = byLanguage('workshop');

const catalog: Readonly<Record<string, Strings>> = pageStrings;

/** Chooses the strings for the first supported language in `languages`, else English. */
export function pickStrings(languages: readonly string[]): Strings {
  for (const lang of languages) {
    const base = lang.toLowerCase().split('-')[0] ?? '';
    const found = catalog[lang.toLowerCase()] ?? catalog[base];
    if (found) return found;
  }
  return en.page;
}
