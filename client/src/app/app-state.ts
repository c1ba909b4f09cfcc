// The page's session lifecycle as a pure state machine. The app element feeds it events
// and renders whatever state comes out; `kind` is exposed as data-session-state.

import type { SessionView } from '../../../common/api';
import type { MessageCatalogue } from '../../../common/messages';
import { serverWords } from '../i18n/server-words';
import type { DurationWords } from '../i18n/strings-type';

export type AppState =
  | { kind: 'idle'; notice?: string }
  /** creating: POST in flight; booting: sandbox starting; resuming: checking a stored session. */
  | { kind: 'starting'; phase: 'creating' | 'booting' | 'resuming'; session?: SessionView }
  | { kind: 'ready'; session: SessionView }
  /** retry says what the Retry button does: create a new session or resume the stored one. */
  | { kind: 'error'; message: string; retry: 'create' | 'resume'; sessionFailed: boolean }
  | { kind: 'ended'; message: string };

export type AppKind = AppState['kind'];

export type AppEvent =
  | { type: 'start' }
  | { type: 'resume' }
  | { type: 'session'; session: SessionView }
  | { type: 'request-failed'; message: string; canResume: boolean }
  | { type: 'gone'; message: string }
  | { type: 'ended-by-user'; notice: string };

export interface StateMessages {
  sessionFailedDefault: string;
  sessionGone: string;
  /** The server's messages in the page's language (its English text otherwise). */
  serverMessages?: MessageCatalogue;
}

export const initialState: AppState = { kind: 'idle' };

/** A failed session's reason in the page's language. */
function localError(m: StateMessages, s: SessionView): string | undefined {
  const text = s.error?.trim();
  return m.serverMessages ? serverWords(m.serverMessages, text, s.errorMessage) : text;
}

export function reduce(state: AppState, event: AppEvent, m: StateMessages): AppState {
  switch (event.type) {
    case 'start':
      return { kind: 'starting', phase: 'creating' };
    case 'resume':
      return { kind: 'starting', phase: 'resuming' };
    case 'session': {
      const s = event.session;
      switch (s.state) {
        case 'starting':
          return { kind: 'starting', phase: 'booting', session: s };
        case 'ready':
          return { kind: 'ready', session: s };
        case 'failed':
          return {
            kind: 'error',
            message: localError(m, s) || m.sessionFailedDefault,
            retry: 'create',
            sessionFailed: true,
          };
        case 'ended':
          return { kind: 'ended', message: m.sessionGone };
      }
      return state;
    }
    case 'request-failed':
      return {
        kind: 'error',
        message: event.message,
        retry: event.canResume ? 'resume' : 'create',
        sessionFailed: false,
      };
    case 'gone':
      return { kind: 'ended', message: event.message };
    case 'ended-by-user':
      return { kind: 'idle', notice: event.notice };
  }
}

/** Whether the page holds a live session the learner can end or replace. */
export const hasLiveSession = (state: AppState): boolean =>
  state.kind === 'ready' || (state.kind === 'starting' && state.phase === 'booting');

/** "58 min", "1 h 05 min", "45 s"; null once the time has passed. */
export function formatRemaining(ms: number, words: DurationWords): string | null {
  if (!Number.isFinite(ms) || ms <= 0) return null;
  const totalSeconds = Math.floor(ms / 1000);
  if (totalSeconds < 60) return words.seconds(totalSeconds);
  const totalMinutes = Math.ceil(ms / 60_000);
  if (totalMinutes < 60) return words.minutes(totalMinutes);
  return words.hours(Math.floor(totalMinutes / 60), totalMinutes % 60);
}

/** The sandbox this browser keeps (token-store.ts's StoredSession, as far as a start page needs it). */
export interface KeptSandbox {
  expiresAt: string;
  lessonId?: string;
}

/** A running sandbox as a start page offers it: what it is for, and its time left ("1 h 52 min"). */
export interface RunningSandbox {
  lessonId?: string;
  timeLeft: string;
}

/** The kept sandbox a start page offers to resume; null when there is none or its time is up. */
export function runningSandbox(
  kept: KeptSandbox | null,
  now: number,
  words: DurationWords,
): RunningSandbox | null {
  if (!kept) return null;
  const timeLeft = formatRemaining(Date.parse(kept.expiresAt) - now, words);
  if (!timeLeft) return null;
  return kept.lessonId ? { lessonId: kept.lessonId, timeLeft } : { timeLeft };
}

/**
 * Whether starting a sandbox now would end one that runs: the page's own, or the one this
 * browser keeps for another page (a new sandbox replaces it). Such a start asks first.
 */
export function startEndsRunning(state: AppState, kept: KeptSandbox | null, now: number): boolean {
  if (hasLiveSession(state)) return true;
  const expires = kept ? Date.parse(kept.expiresAt) : NaN;
  return Number.isFinite(expires) && expires > now;
}
