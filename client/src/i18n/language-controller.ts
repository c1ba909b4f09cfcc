// Lets a lit component speak the page's language: it re-renders when the learner switches,
// and reads its words from `.strings`, `.workspace` or `.lesson`.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Language } from '../../../common/lesson';
import { pageLanguage, type PageLanguage } from './language';
import { lessonStrings, pageStrings, watchStrings, workshopStrings, workspaceStrings } from './strings';
import type { LessonStrings, Strings, WatchStrings, WorkspaceStrings } from './strings-type';
import type { WorkshopStrings } from './workshop-strings-type';

export class LanguageController implements ReactiveController {
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: PageLanguage = pageLanguage,
  ) {
    host.addController(this);
  }

  get language(): Language {
    return this.source.current;
  }

  /** The page shell's words: top bar, start and ending cards, errors, terminal states. */
  get strings(): Strings {
    return pageStrings[this.language];
  }

  /** The terminal workspace's words: tabs, hosts, copy and paste. */
  get workspace(): WorkspaceStrings {
    return workspaceStrings[this.language];
  }

  /** The lesson panel's and the catalogue's words. */
  get lesson(): LessonStrings {
    return lessonStrings[this.language];
  }

  /** Watched terminals' words (workshops). */
  get watch(): WatchStrings {
    return watchStrings[this.language];
  }

  /** The workshops' words: the trainer's pages, joining, the workshop bar. */
  get workshop(): WorkshopStrings {
    return workshopStrings[this.language];
  }

  hostConnected(): void {
    this.unsubscribe ??= this.source.subscribe(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}

/**
 * Words that are looked up when read, not when handed over: for code that keeps a message
 * object (the API client) yet should answer in the language of the moment.
 */
export function liveStrings(source: PageLanguage = pageLanguage): Strings {
  const live = {};
  for (const key of Object.keys(pageStrings.en))
    Object.defineProperty(live, key, {
      enumerable: true,
      get: () => pageStrings[source.current][key as keyof Strings],
    });
  return live as Strings;
}
