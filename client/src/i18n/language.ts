// The page's one language: what the learner picked (remembered in this browser), else the
// browser's first supported language, else English. Everything on the page follows it.
import { LANGUAGES, LanguageSchema, pickLanguage, type Language } from '../../../common/lesson';

/** Where the learner's choice is remembered. */
export const LANGUAGE_KEY = 'docker-playground.language';

/** The part of Storage the language needs. */
export interface LanguageStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface PageLanguageOptions {
  /** Where the choice is kept; none: the choice lasts until the page closes. */
  storage?: LanguageStorage | undefined;
  /** The browser's languages, most wanted first (navigator.languages). */
  preferred?: readonly string[];
  /** The element whose `lang` says the page's language (document.documentElement). */
  root?: { lang: string } | undefined;
}

type Listener = (language: Language) => void;

export class PageLanguage {
  private language: Language;
  private readonly listeners = new Set<Listener>();
  private readonly storage: LanguageStorage | undefined;
  private readonly root: { lang: string } | undefined;

  constructor(options: PageLanguageOptions = {}) {
    this.storage = options.storage;
    this.root = options.root;
    this.language = savedLanguage(this.storage) ?? pickLanguage(options.preferred ?? []);
    this.reflect();
  }

  get current(): Language {
    return this.language;
  }

  /** Switches the page to `language`, remembers it, and tells every subscriber. */
  set(language: Language): void {
    const parsed = LanguageSchema.safeParse(language);
    if (!parsed.success)
      throw new Error(`Unknown language "${String(language)}": the page speaks ${LANGUAGES.join(', ')}.`);
    const checked = parsed.data;
    try {
      this.storage?.setItem(LANGUAGE_KEY, checked);
    } catch {
      // Not remembered (storage full or blocked); the page still switches.
    }
    if (checked === this.language) return;
    this.language = checked;
    this.reflect();
    for (const listener of [...this.listeners]) listener(checked);
  }

  /** Calls `listener` after each change; returns the call that stops it. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private reflect(): void {
    if (this.root) this.root.lang = this.language;
  }
}

function savedLanguage(storage: LanguageStorage | undefined): Language | undefined {
  try {
    const saved = LanguageSchema.safeParse(storage?.getItem(LANGUAGE_KEY));
    return saved.success ? saved.data : undefined;
  } catch {
    return undefined; // Storage that throws (blocked cookies): follow the browser.
  }
}

function browserStorage(): LanguageStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/** The page's language, shared by every component of this page. */
export const pageLanguage = new PageLanguage({
  storage: browserStorage(),
  preferred:
    typeof navigator !== 'undefined' && Array.isArray(navigator.languages) ? navigator.languages : [],
  root: typeof document !== 'undefined' ? document.documentElement : undefined,
});

/** The language the page speaks now. */
export const currentLanguage = (): Language => pageLanguage.current;

/** Switches the whole page to `language` and remembers it. */
export const setLanguage = (language: Language): void => pageLanguage.set(language);
