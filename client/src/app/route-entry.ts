// What entering a page does with the sandbox this browser keeps: a pure decision that the
// app carries out (resume it, start one, ask before replacing it, or just show the page).
import type { StoredSession } from '../sessions/token-store';
import { routeHasSandbox, routeLesson, type Route } from './route';

export type RouteEntry =
  /** The catalogue (and a workshop's pages) follow no sandbox; the one kept stays kept for later. */
  | { action: 'show-catalogue' }
  /** The kept sandbox was made for this page: reconnect to it. */
  | { action: 'resume'; session: { id: string; token: string } }
  /** A lesson and no sandbox kept: start one at once (faster to a shell). */
  | { action: 'start' }
  /** A lesson while a sandbox is kept for another lesson (keptFor) or for free play (none). */
  | { action: 'ask-replace'; keptFor?: string }
  /** Free play while no sandbox is kept for it: the welcome card and its Start button. */
  | { action: 'offer-start' };

export function routeEntry(route: Route, kept: StoredSession | null): RouteEntry {
  if (!routeHasSandbox(route)) return { action: 'show-catalogue' };
  if (kept && kept.lessonId === routeLesson(route))
    return { action: 'resume', session: { id: kept.id, token: kept.token } };
  if (route.view === 'play') return { action: 'offer-start' };
  if (!kept) return { action: 'start' };
  return kept.lessonId ? { action: 'ask-replace', keptFor: kept.lessonId } : { action: 'ask-replace' };
}
