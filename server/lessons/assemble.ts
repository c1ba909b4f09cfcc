// Merges lesson.yaml and the language files into the `Lesson` the page and the server use.
import { LANGUAGES, type Language, type Lesson, type Step } from '../../common/lesson.js';
import type { LessonSource } from './source.js';
import type { Translation } from './translation.js';

type Localized<T> = Record<Language, T>;

/** Each language's value; a language not written (see `languages`) gets the first one's. */
function byLanguage<T>(translations: readonly Translation[], pick: (t: Translation) => T): Localized<T> {
  const first = translations[0];
  return Object.fromEntries(
    LANGUAGES.map((l) => {
      const t = translations.find((x) => x.language === l) ?? first;
      return [l, t ? pick(t) : undefined];
    }),
  ) as Localized<T>;
}

export function assemble(source: LessonSource, translations: readonly Translation[]): Lesson {
  const steps: Step[] = source.steps.map((step) => ({
    id: step.id,
    checks: step.checks,
    solution: step.solution,
    title: byLanguage(translations, (t) => t.steps.get(step.id)?.title ?? ''),
    text: byLanguage(translations, (t) => t.steps.get(step.id)?.text ?? []),
    hints: byLanguage(translations, (t) => t.steps.get(step.id)?.hints ?? []),
    ...(step.onStart ? { onStart: step.onStart } : {}),
  }));
  return {
    id: source.id,
    order: source.order,
    ...(source.minutes === undefined ? {} : { minutes: source.minutes }),
    hosts: source.hosts,
    panes: source.panes,
    images: source.images,
    title: byLanguage(translations, (t) => t.title),
    summary: byLanguage(translations, (t) => t.summary),
    intro: byLanguage(translations, (t) => t.intro),
    steps,
    ...(source.languages ? { languages: source.languages } : {}),
    ...(source.notices ? { notices: source.notices } : {}),
    ...(source.assets ? { assets: source.assets } : {}),
  };
}
