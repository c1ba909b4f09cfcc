// <playground-app>: the page shell and the session lifecycle (create, wait, resume, end).
// Its state is exposed as data-session-state for end-to-end tests.

import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { SessionView } from '../../../common/api';
import type { LessonProgress, PublishedPort, SessionEvent } from '../../../common/events';
import {
  type Command,
  type Language,
  type LessonSummary,
  type LocalizedLesson,
} from '../../../common/lesson';
import { LanguageController, liveStrings } from '../i18n/language-controller';
import { pageLanguage } from '../i18n/language';
import type { Strings } from '../i18n/strings';
import { sharedStyles } from '../ui/shared-styles';
import { confirmStyles } from '../ui/confirm-styles';
import { statusDotStyles } from '../ui/status-dot-styles';
import {
  alertIcon,
  engineIcon,
  lockIcon,
  logoIcon,
  playIcon,
  plusIcon,
  powerIcon,
  sparkIcon,
} from '../ui/icons';
import { ApiError, createSessionApi, waitUntilSettled, type SessionApi } from '../sessions/session-client';
import { TokenStore, browserStorage } from '../sessions/token-store';
import '../terminals/terminal-workspace';
import '../lessons/lesson-panel';
import '../lessons/lesson-catalogue';
import '../ui/split-view';
import '../ports/port-links';
import { ProgressStore } from '../lessons/progress-store';
import { SessionEvents } from '../sessions/session-events';
import { parseRoute, routeHash, routeLesson, type Route } from './route';
import type { PaneState, PaneStateDetail, SessionGoneDetail } from '../terminals/terminal-pane';
import type { HostEventDetail, TerminalWorkspace } from '../terminals/terminal-workspace';
import {
  formatRemaining,
  hasLiveSession,
  initialState,
  reduce,
  type AppEvent,
  type AppState,
} from './app-state';

/** The host named in the status line until a pane reports its own. */
const SHELL_HOST = 'node1';
/** Steps whose foreground command already ran, per session (so a reload does not rerun them). */
const RAN_KEY = 'docker-playground.ran-steps';
const POLL_INTERVAL_MS = 300;
/** `?renderer=dom` turns the WebGL renderer off (for comparing renderers and for tests). */
const RENDERER: 'auto' | 'dom' =
  new URLSearchParams(window.location.search).get('renderer') === 'dom' ? 'dom' : 'auto';
/** The expiry time turns amber when less than this is left. */
const EXPIRY_WARNING_MS = 5 * 60_000;
/** After this long in 'starting', the page says it is taking longer than usual. */
const SLOW_START_MS = 10_000;

type Tone = 'ok' | 'busy' | 'bad' | 'off';

declare global {
  interface HTMLElementTagNameMap {
    'playground-app': PlaygroundApp;
  }
}

@customElement('playground-app')
export class PlaygroundApp extends LitElement {
  static override styles = [
    sharedStyles,
    confirmStyles,
    statusDotStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        height: 100%;
        min-height: 0;
        color: var(--text);
      }

      /* Top bar */
      header {
        flex: none;
        display: flex;
        align-items: center;
        gap: 12px;
        height: 56px;
        padding: 0 16px 0 18px;
        background: var(--surface);
        border-bottom: 1px solid var(--border);
        position: relative;
        z-index: 20;
      }
      .brand {
        display: flex;
        align-items: center;
        gap: 10px;
        min-width: 0;
        color: var(--text);
        text-decoration: none;
      }
      .brand svg {
        flex: none;
        display: block;
      }
      .brand h1 {
        margin: 0;
        font-size: 17px;
        font-weight: 700;
        letter-spacing: -0.01em;
        white-space: nowrap;
      }
      .tagline {
        color: var(--text-muted);
        font-size: 13px;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
        min-width: 0;
        padding-left: 12px;
        border-left: 1px solid var(--border-strong);
      }
      .spacer {
        flex: 1;
      }
      .actions {
        display: flex;
        align-items: center;
        gap: 6px;
        flex: none;
      }
      .confirm {
        position: absolute;
        top: calc(100% + 6px);
        right: 12px;
        width: min(340px, calc(100vw - 24px));
        padding: 16px;
        border-radius: 12px;
        background: var(--surface-2);
        border: 1px solid var(--border-strong);
        box-shadow: 0 16px 40px rgba(0, 0, 0, 0.5);
      }

      /* One page at a time: the catalogue, a lesson beside its sandbox, or free play */
      main {
        flex: 1;
        min-height: 0;
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        grid-template-rows: minmax(0, 1fr);
      }
      main > * {
        min-width: 0;
        min-height: 0;
      }
      lesson-catalogue {
        overflow: auto;
      }
      split-view > * {
        height: 100%;
        box-sizing: border-box;
      }
      a.brand {
        color: inherit;
        text-decoration: none;
        border-radius: 8px;
      }
      a.brand:focus-visible {
        outline: 2px solid var(--focus);
        outline-offset: 4px;
      }

      /* Passing messages: step scripts that failed, commands that could not run */
      .notices {
        position: fixed;
        right: 16px;
        bottom: 16px;
        z-index: 50;
        display: flex;
        flex-direction: column;
        gap: 8px;
        max-width: min(420px, calc(100vw - 32px));
      }
      .toast {
        padding: 10px 14px;
        border-radius: 10px;
        background: var(--surface-2);
        border: 1px solid var(--border-strong);
        border-left: 4px solid var(--accent-text);
        box-shadow: 0 10px 30px rgba(0, 0, 0, 0.4);
        font-size: 14px;
        line-height: 1.45;
      }
      .toast[data-level='warning'],
      .toast[data-level='error'] {
        border-left-color: var(--warning);
      }
      .stage {
        min-width: 0;
        min-height: 0;
        display: flex;
        flex-direction: column;
        padding: 16px;
        overflow: auto;
      }
      .stage.has-terminal {
        overflow: hidden;
      }

      /* Centered panels (idle, starting, error, ended) */
      .center {
        flex: 1;
        display: flex;
        flex-direction: column;
        align-items: center;
        justify-content: center;
        gap: 14px;
        padding: 24px 8px;
      }
      .notice {
        width: min(960px, 100%);
        padding: 10px 14px;
        border-radius: 10px;
        background: rgba(88, 166, 255, 0.1);
        border: 1px solid rgba(88, 166, 255, 0.35);
        font-size: 14px;
      }

      .hero {
        width: min(960px, 100%);
        display: grid;
        grid-template-columns: minmax(0, 1.1fr) minmax(0, 0.9fr);
        gap: 40px;
        align-items: center;
        padding: 40px;
        border-radius: 18px;
        background:
          radial-gradient(120% 140% at 0% 0%, rgba(29, 99, 237, 0.16), transparent 55%), var(--surface);
        border: 1px solid var(--border);
      }
      .hero h2 {
        margin: 0 0 12px;
        font-size: clamp(26px, 3.2vw, 36px);
        line-height: 1.15;
        letter-spacing: -0.02em;
      }
      .lead {
        margin: 0 0 24px;
        color: var(--text-muted);
        font-size: 16px;
        line-height: 1.55;
      }
      .points {
        list-style: none;
        margin: 0 0 28px;
        padding: 0;
        display: grid;
        gap: 14px;
      }
      .points li {
        display: grid;
        grid-template-columns: 36px 1fr;
        gap: 12px;
        align-items: start;
      }
      .points .ic {
        width: 36px;
        height: 36px;
        border-radius: 9px;
        display: grid;
        place-items: center;
        color: #79c0ff;
        background: rgba(56, 139, 253, 0.12);
      }
      .points strong {
        display: block;
        font-size: 15px;
        margin-bottom: 2px;
      }
      .points span {
        color: var(--text-muted);
        font-size: 14px;
        line-height: 1.45;
      }
      .cta {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 12px 16px;
      }
      .hint {
        color: var(--text-muted);
        font-size: 14px;
      }

      .preview {
        border-radius: 12px;
        background: #0d1117;
        border: 1px solid var(--border-strong);
        box-shadow: 0 20px 50px rgba(0, 0, 0, 0.45);
        overflow: hidden;
        font-family: var(--mono);
        font-size: 13px;
        line-height: 1.6;
      }
      .preview .bar {
        display: flex;
        gap: 6px;
        padding: 10px 12px;
        background: #161b22;
        border-bottom: 1px solid var(--border);
      }
      .preview .bar i {
        width: 10px;
        height: 10px;
        border-radius: 50%;
        background: #30363d;
      }
      .preview pre {
        margin: 0;
        padding: 14px 16px 18px;
        color: #c9d1d9;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .preview .p {
        color: #3fb950;
      }
      .preview .c {
        color: #e6edf3;
        font-weight: 600;
      }
      .preview .o {
        color: #8b949e;
      }

      .card {
        width: min(520px, 100%);
        padding: 32px;
        border-radius: 16px;
        background: var(--surface);
        border: 1px solid var(--border);
        text-align: center;
      }
      .card h2 {
        margin: 0 0 8px;
        font-size: 22px;
        letter-spacing: -0.01em;
      }
      .card p {
        margin: 0 0 20px;
        color: var(--text-muted);
        font-size: 15px;
        line-height: 1.5;
        overflow-wrap: anywhere;
      }
      .card .row {
        display: flex;
        flex-wrap: wrap;
        justify-content: center;
        gap: 10px;
      }
      .card.starting .spinner {
        width: 36px;
        height: 36px;
        border-width: 3px;
        color: var(--accent-text);
        margin-bottom: 18px;
      }
      .card.starting p {
        margin: 0;
      }
      .progress {
        height: 4px;
        margin-top: 22px;
        border-radius: 2px;
        background: var(--surface-3);
        overflow: hidden;
      }
      .progress::after {
        content: '';
        display: block;
        height: 100%;
        width: 35%;
        border-radius: 2px;
        background: var(--accent);
        animation: slide 1.4s ease-in-out infinite;
      }
      @keyframes slide {
        from {
          transform: translateX(-100%);
        }
        to {
          transform: translateX(290%);
        }
      }
      .card.error {
        text-align: left;
        border-color: rgba(248, 81, 73, 0.55);
        background: linear-gradient(rgba(248, 81, 73, 0.08), rgba(248, 81, 73, 0.08)), var(--surface);
      }
      .card.error .title {
        display: flex;
        align-items: center;
        gap: 10px;
        margin-bottom: 10px;
        color: var(--danger);
      }
      .card.error h2 {
        margin: 0;
        color: var(--text);
      }
      .card.error .message {
        margin: 0 0 20px;
        padding: 12px 14px;
        border-radius: 8px;
        background: rgba(0, 0, 0, 0.25);
        color: var(--text);
        font-size: 14px;
        line-height: 1.5;
        white-space: pre-wrap;
      }
      .card.error .row {
        justify-content: flex-start;
      }

      /* Terminal */
      .term-card {
        flex: 1;
        min-height: 0;
        display: flex;
        flex-direction: column;
        border-radius: 12px;
        overflow: hidden;
        border: 1px solid var(--border-strong);
        background: #0d1117;
        box-shadow: 0 10px 30px rgba(0, 0, 0, 0.35);
      }
      .term-head {
        flex: none;
        display: flex;
        align-items: center;
        gap: 8px;
        height: 36px;
        padding: 0 14px;
        background: #161b22;
        border-bottom: 1px solid var(--border);
        font-size: 13px;
        color: var(--text-muted);
      }
      .status {
        display: inline-flex;
        align-items: center;
        gap: 8px;
        color: var(--text);
        font-weight: 500;
        white-space: nowrap;
      }
      .expiry.soon {
        color: var(--warning);
        font-weight: 600;
      }
      .expiry {
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      terminal-workspace {
        flex: 1;
      }
      port-links {
        flex: none;
      }

      @media (max-width: 900px) {
        .hero {
          grid-template-columns: minmax(0, 1fr);
          padding: 28px;
          gap: 28px;
        }
      }
      @media (max-width: 600px) {
        header {
          height: 52px;
          padding: 0 10px 0 12px;
          gap: 8px;
        }
        .brand h1 {
          font-size: 16px;
        }
        .tagline,
        .label,
        .term-head .expiry {
          display: none;
        }
        .actions .btn {
          padding: 0 10px;
        }
        .stage {
          padding: 12px;
        }
        .stage.has-terminal {
          padding: 0;
        }
        .term-card {
          border-radius: 0;
          border: 0;
          box-shadow: none;
        }
        .center {
          justify-content: flex-start;
          padding: 4px 0 16px;
        }
        .hero {
          padding: 22px 18px;
          border-radius: 14px;
        }
        .preview {
          display: none;
        }
        .cta .btn {
          width: 100%;
        }
        .cta {
          justify-content: center;
        }
        .card {
          padding: 24px 18px;
        }
      }
    `,
  ];

  @state() private appState: AppState = initialState;
  @state() private paneState: PaneState = 'connecting';
  @state() private paneHost = SHELL_HOST;
  @state() private confirming: 'end' | 'new' | null = null;
  @state() private busy = false;
  @state() private slow = false;
  @state() private route: Route = parseRoute(window.location.hash);
  @state() private lessons: LessonSummary[] = [];
  @state() private lessonsState: 'loading' | 'ready' | 'error' = 'loading';
  @state() private lesson: LocalizedLesson | undefined;
  @state() private lessonState: 'loading' | 'ready' | 'error' = 'loading';
  @state() private lessonError = '';
  @state() private progress: LessonProgress | undefined;
  @state() private progressByLesson = new ProgressStore(browserStorage()).all();
  @state() private ports: Record<string, PublishedPort[]> = {};
  @state() private notices: { id: number; level: string; message: string }[] = [];
  /** Set when opening a lesson would replace a sandbox kept for something else. */
  @state() private replacing: { lessonId?: string } | null = null;
  @state() private now = Date.now();

  @query('terminal-workspace') private workspace?: TerminalWorkspace;

  /** The page's language (the learner switches it on the catalogue and the lesson). */
  private readonly i18n = new LanguageController(this);
  private get language(): Language {
    return this.i18n.language;
  }
  /** The page shell's words in the page's language. */
  private get t(): Strings {
    return this.i18n.strings;
  }
  private readonly api: SessionApi = createSessionApi({ messages: liveStrings() });
  private readonly store = new TokenStore(browserStorage());
  /** The live session's id and key. */
  private creds: { id: string; token: string } | null = null;
  /** Cancels the polling or request in flight when the learner moves on. */
  private flow: AbortController | null = null;
  private slowTimer: ReturnType<typeof setTimeout> | undefined;
  private clock: ReturnType<typeof setInterval> | undefined;
  private focusOnReady = false;
  private checkingSession = false;
  private readonly progressStore = new ProgressStore(browserStorage());
  private events: SessionEvents | null = null;
  private noticeCounter = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.reflectState();
    this.clock = setInterval(() => this.tick(), 15_000);
    document.addEventListener('keydown', this.onKeydown);
    document.addEventListener('pointerdown', this.onPointerDown);
    window.addEventListener('hashchange', this.onHashChange);
    void this.loadCatalogue();
    this.enterRoute();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.flow?.abort();
    clearInterval(this.clock);
    clearTimeout(this.slowTimer);
    document.removeEventListener('keydown', this.onKeydown);
    document.removeEventListener('pointerdown', this.onPointerDown);
    window.removeEventListener('hashchange', this.onHashChange);
    this.closeEvents();
  }

  /** The active terminal's text (see TerminalWorkspace.terminalText), '' when none is shown. */
  terminalText(): string {
    return this.workspace?.terminalText() ?? '';
  }

  // ----- Pages -----

  private onHashChange = (): void => {
    const next = parseRoute(window.location.hash);
    if (routeHash(next) === routeHash(this.route)) return;
    this.route = next;
    this.enterRoute();
  };

  private go(route: Route): void {
    window.location.hash = routeHash(route);
  }

  /**
   * Shows the route's page. A lesson or free play resumes this browser's sandbox when it was
   * made for the same lesson; a lesson starts one at once (faster to a shell), after asking
   * first if that would replace a sandbox made for something else.
   */
  private enterRoute(): void {
    const route = this.route;
    this.flow?.abort();
    this.replacing = null;
    this.closeEvents();
    this.ports = {};
    if (route.view === 'lesson') void this.loadLesson(route.lessonId);
    else {
      this.lesson = undefined;
      this.progress = undefined;
    }
    if (route.view === 'catalogue') {
      this.creds = null;
      this.progressByLesson = this.progressStore.all();
      return;
    }
    const wanted = routeLesson(route);
    const stored = this.store.current();
    if (stored && stored.lessonId === wanted) {
      this.creds = { id: stored.id, token: stored.token };
      void this.resume();
      return;
    }
    this.creds = null;
    this.dispatch({ type: 'ended-by-user', notice: '' });
    if (route.view === 'lesson') {
      if (stored) this.replacing = stored.lessonId ? { lessonId: stored.lessonId } : {};
      else void this.start();
    }
  }

  private async loadCatalogue(): Promise<void> {
    this.lessonsState = 'loading';
    try {
      this.lessons = await this.api.lessons();
      this.lessonsState = 'ready';
    } catch {
      this.lessonsState = 'error';
    }
  }

  private async loadLesson(lessonId: string): Promise<void> {
    this.lessonState = 'loading';
    try {
      const lesson = await this.api.lesson(lessonId, this.language);
      if (routeLesson(this.route) !== lessonId) return;
      this.lesson = lesson;
      this.lessonState = 'ready';
    } catch (err) {
      if (routeLesson(this.route) !== lessonId) return;
      this.lessonError = err instanceof Error ? err.message : '';
      this.lessonState = 'error';
    }
  }

  /** Switches the whole page's language and fetches the lesson shown in it. */
  private setLanguage(language: Language): void {
    pageLanguage.set(language);
    const lessonId = routeLesson(this.route);
    if (lessonId) void this.loadLesson(lessonId);
  }

  // ----- Session events (hosts, ports, progress, step scripts) -----

  private openEvents(): void {
    const creds = this.creds;
    if (!creds || this.events) return;
    this.events = new SessionEvents({
      sessionId: creds.id,
      token: creds.token,
      onEvent: (event) => {
        if (this.creds === creds) this.onSessionEvent(event);
      },
    });
  }

  private closeEvents(): void {
    this.events?.dispose();
    this.events = null;
  }

  private onSessionEvent(event: SessionEvent): void {
    switch (event.type) {
      case 'session':
        if (event.session.state === 'ready') this.onSession(event.session);
        break;
      case 'ports':
        this.ports = { ...this.ports, [event.host]: event.ports };
        break;
      case 'progress':
        if (
          event.progress.lessonId !== this.lesson?.id &&
          event.progress.lessonId !== routeLesson(this.route)
        )
          break;
        this.progress = event.progress;
        this.progressByLesson = this.progressStore.record(event.progress);
        break;
      case 'exec':
        if (this.creds && markRan(this.creds.id, event.stepId)) void this.runCommand(event.command);
        break;
      case 'notice':
        this.notify(event.level, event.message);
        break;
    }
  }

  private notify(level: string, message: string): void {
    const id = ++this.noticeCounter;
    this.notices = [...this.notices, { id, level, message }].slice(-3);
    setTimeout(() => (this.notices = this.notices.filter((n) => n.id !== id)), 8000);
  }

  /** A lesson's Run button: types the command into its pane. */
  private async runCommand(command: Command): Promise<void> {
    if (command.action !== 'exec') return;
    const workspace = this.workspace;
    if (!workspace || this.appState.kind !== 'ready') {
      this.notify('info', this.i18n.lesson.sandboxNotReady);
      return;
    }
    try {
      await workspace.runInPane(command.pane, command.text, { interrupt: command.interrupt });
    } catch (err) {
      this.notify('warning', err instanceof Error ? err.message : String(err));
    }
  }

  private async checkStep(stepId: string): Promise<void> {
    const creds = this.creds;
    if (!creds || !this.progress) return;
    this.progress = {
      ...this.progress,
      steps: this.progress.steps.map((s) => (s.stepId === stepId ? { stepId, state: 'checking' } : s)),
    };
    try {
      const result = await this.api.check(creds.id, creds.token, stepId);
      if (this.creds !== creds || !this.progress) return;
      this.progress = {
        ...this.progress,
        steps: this.progress.steps.map((s) => (s.stepId === stepId ? result : s)),
      };
    } catch (err) {
      this.notify('warning', err instanceof Error ? err.message : String(err));
    }
  }

  // ----- Session lifecycle -----

  private dispatch(event: AppEvent): void {
    const prev = this.appState;
    this.appState = reduce(prev, event, this.t);
    if (this.appState.kind === 'starting' && prev.kind !== 'starting') {
      this.slow = false;
      clearTimeout(this.slowTimer);
      this.slowTimer = setTimeout(() => (this.slow = true), SLOW_START_MS);
    } else if (this.appState.kind !== 'starting') {
      clearTimeout(this.slowTimer);
    }
    if (this.appState.kind === 'ready' && prev.kind !== 'ready') this.paneState = 'connecting';
    this.now = Date.now();
    this.reflectState();
  }

  private reflectState(): void {
    this.setAttribute('data-session-state', this.appState.kind);
  }

  private newFlow(): AbortSignal {
    this.flow?.abort();
    this.flow = new AbortController();
    return this.flow.signal;
  }

  /** Creates a sandbox and waits for it; ends the current one first if there is one. */
  private async start(): Promise<void> {
    const signal = this.newFlow();
    this.confirming = null;
    this.focusOnReady = true;
    const stored = this.store.current();
    const old = this.creds ?? (stored ? { id: stored.id, token: stored.token } : null);
    this.creds = null;
    this.replacing = null;
    this.closeEvents();
    this.dispatch({ type: 'start' });
    if (old) await this.endQuietly(old);
    const lessonId = routeLesson(this.route);
    try {
      const created = await this.api.create(lessonId ? { lessonId } : {});
      if (signal.aborted) {
        await this.endQuietly({ id: created.session.id, token: created.token });
        return;
      }
      this.creds = { id: created.session.id, token: created.token };
      this.store.save({
        id: created.session.id,
        token: created.token,
        expiresAt: created.session.expiresAt,
        ...(lessonId ? { lessonId } : {}),
      });
      this.onSession(created.session);
      if (created.session.state === 'starting') await this.waitForSession(signal);
    } catch (err) {
      this.onRequestError(err, signal);
    }
  }

  /** Reconnects to the session stored in this browser. */
  private async resume(): Promise<void> {
    const creds = this.creds;
    if (!creds) return this.start();
    const signal = this.newFlow();
    this.dispatch({ type: 'resume' });
    try {
      const session = await this.api.get(creds.id, creds.token, signal);
      if (signal.aborted) return;
      this.onSession(session);
      if (session.state === 'starting') await this.waitForSession(signal);
    } catch (err) {
      this.onRequestError(err, signal);
    }
  }

  private async waitForSession(signal: AbortSignal): Promise<void> {
    const creds = this.creds;
    if (!creds) return;
    const session = await waitUntilSettled(this.api, creds.id, creds.token, {
      intervalMs: POLL_INTERVAL_MS,
      signal,
      timeoutMessage: this.t.startTimedOut,
      onUpdate: (s) => {
        if (!signal.aborted && s.state === 'starting') this.onSession(s);
      },
    });
    if (!signal.aborted) this.onSession(session);
  }

  private onSession(session: SessionView): void {
    const creds = this.creds;
    if (creds && session.state !== 'failed' && session.state !== 'ended') {
      this.store.touch(creds.id, session.expiresAt);
    }
    if (creds && (session.state === 'failed' || session.state === 'ended')) {
      // A failed sandbox holds a slot on the server until it is removed.
      this.store.forget(creds.id);
      this.creds = null;
      if (session.state === 'failed') void this.endQuietly(creds);
    }
    this.dispatch({ type: 'session', session });
    if (this.creds && (session.state === 'ready' || session.state === 'starting')) this.openEvents();
    else this.closeEvents();
  }

  private onRequestError(err: unknown, signal: AbortSignal): void {
    if (signal.aborted) return;
    if (err instanceof ApiError && err.sessionGone && this.creds) {
      const wasResuming = this.appState.kind === 'starting' && this.appState.phase === 'resuming';
      this.store.forget(this.creds.id);
      this.creds = null;
      if (wasResuming) {
        this.dispatch({ type: 'ended-by-user', notice: this.t.previousSessionEnded });
      } else {
        this.dispatch({ type: 'gone', message: this.t.sessionGone });
      }
      return;
    }
    const message = err instanceof Error && err.message ? err.message : this.t.networkError;
    if (!(err instanceof ApiError)) console.error(err);
    this.dispatch({ type: 'request-failed', message, canResume: this.creds !== null });
  }

  /** Ends the session on the server and forgets it here. */
  private async endSession(): Promise<void> {
    this.flow?.abort();
    this.flow = null;
    this.confirming = null;
    const creds = this.creds;
    this.creds = null;
    this.busy = true;
    if (creds) await this.endQuietly(creds);
    this.busy = false;
    this.dispatch({ type: 'ended-by-user', notice: this.t.sessionEndedByYou });
  }

  private async endQuietly(creds: { id: string; token: string }): Promise<void> {
    this.store.forget(creds.id);
    try {
      await this.api.end(creds.id, creds.token);
    } catch (err) {
      // Already gone, or the server is unreachable: it removes expired sandboxes itself.
      if (!(err instanceof ApiError)) console.warn('ending the session failed', err);
    }
  }

  private retry(): void {
    const s = this.appState;
    if (s.kind === 'error' && s.retry === 'resume' && this.creds) void this.resume();
    else void this.start();
  }

  private startOver(): void {
    void this.start();
  }

  /** Asks the server whether the session still exists; moves to 'ended' if it does not. */
  private async checkSession(): Promise<void> {
    const creds = this.creds;
    if (!creds || this.checkingSession) return;
    this.checkingSession = true;
    try {
      const session = await this.api.get(creds.id, creds.token);
      if (this.creds !== creds) return;
      if (session.state === 'ended' || session.state === 'failed') this.onSession(session);
      else this.store.touch(creds.id, session.expiresAt);
    } catch (err) {
      if (this.creds !== creds) return;
      if (err instanceof ApiError && err.sessionGone) {
        this.store.forget(creds.id);
        this.creds = null;
        this.flow?.abort();
        this.dispatch({ type: 'gone', message: this.t.sessionGone });
      }
    } finally {
      this.checkingSession = false;
    }
  }

  /** Adds or removes a host, then follows the session until no host is starting. */
  private async changeHosts(
    call: (creds: { id: string; token: string }) => Promise<SessionView>,
  ): Promise<void> {
    const creds = this.creds;
    if (!creds) return;
    try {
      let session = await call(creds);
      while (this.creds === creds) {
        this.onSession(session);
        if (!Object.values(session.hostStates).some((h) => h.state === 'starting')) break;
        await new Promise((r) => setTimeout(r, POLL_INTERVAL_MS));
        session = await this.api.get(creds.id, creds.token);
      }
    } catch (err) {
      console.warn('changing the hosts failed', err);
    }
  }

  // ----- Events -----

  private onPaneState(e: CustomEvent<PaneStateDetail>): void {
    // The status line speaks for a pane on screen, not for a tab in the background.
    const pane = e.composedPath()[0] as { visible?: boolean } | undefined;
    if (pane?.visible !== false) {
      this.paneState = e.detail.state;
      this.paneHost = e.detail.host || SHELL_HOST;
    }
    if (e.detail.state === 'ready' && this.focusOnReady) {
      this.focusOnReady = false;
      this.workspace?.focusActive();
    }
    // A lost connection may mean the sandbox is gone (expired, or the server restarted).
    if (e.detail.state === 'reconnecting') void this.checkSession();
  }

  private onSessionGone(e: CustomEvent<SessionGoneDetail>): void {
    const creds = this.creds;
    if (!creds) return;
    void this.api.get(creds.id, creds.token).then(
      (session) => {
        if (this.creds !== creds) return;
        if (session.state === 'ended' || session.state === 'failed') this.onSession(session);
      },
      (err: unknown) => {
        if (this.creds !== creds) return;
        if (err instanceof ApiError && err.sessionGone) {
          this.store.forget(creds.id);
          this.creds = null;
          this.dispatch({ type: 'gone', message: e.detail.message || this.t.sessionGone });
        }
      },
    );
  }

  private onKeydown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.confirming) {
      this.confirming = null;
      e.stopPropagation();
    }
  };

  /** A click outside the confirmation and the buttons that open it closes it. */
  private onPointerDown = (e: PointerEvent): void => {
    if (!this.confirming) return;
    const inside = e
      .composedPath()
      .some(
        (el) =>
          el instanceof HTMLElement && (el.classList.contains('confirm') || el.classList.contains('actions')),
      );
    if (!inside) this.confirming = null;
  };

  private tick(): void {
    this.now = Date.now();
    const s = this.appState;
    if (s.kind === 'ready' && Date.parse(s.session.expiresAt) <= this.now) void this.checkSession();
  }

  // ----- Rendering -----

  protected override render(): TemplateResult {
    const s = this.appState;
    const stage = html`<section class="stage ${s.kind === 'ready' ? 'has-terminal' : ''}" slot="end">
      ${this.replacing ? this.renderReplace() : this.renderStage()}
    </section>`;
    return html`
      ${this.renderTopBar()}
      <main data-view=${this.route.view}>
        ${
          this.route.view === 'catalogue'
            ? this.renderCatalogue()
            : this.route.view === 'lesson'
              ? this.renderLesson(stage)
              : stage
        }
      </main>
      ${this.renderNotices()}
    `;
  }

  private renderCatalogue(): TemplateResult {
    return html`<lesson-catalogue
      .lessons=${this.lessons}
      .progressByLesson=${this.progressByLesson}
      .loadState=${this.lessonsState}
      @open-lesson=${(e: CustomEvent<{ lessonId: string }>) =>
        this.go({ view: 'lesson', lessonId: e.detail.lessonId })}
      @free-play=${() => this.go({ view: 'play' })}
      @language-change=${(e: CustomEvent<{ language: Language }>) => this.setLanguage(e.detail.language)}
      @retry-lessons=${() => void this.loadCatalogue()}
    ></lesson-catalogue>`;
  }

  private renderLesson(stage: TemplateResult): TemplateResult {
    const words = this.i18n.lesson;
    return html`<split-view
      storage-key="docker-playground.lesson-split"
      start-label=${words.showLesson}
      end-label=${words.showTerminal}
      divider-label=${words.resizeSplit}
    >
      <lesson-panel
        slot="start"
        .lesson=${this.lesson}
        .progress=${this.progress}
        .loadState=${this.lessonState}
        .loadError=${this.lessonError}
        @run-command=${(e: CustomEvent<Command>) => void this.runCommand(e.detail)}
        @check-step=${(e: CustomEvent<{ stepId: string }>) => void this.checkStep(e.detail.stepId)}
        @language-change=${(e: CustomEvent<{ language: Language }>) => this.setLanguage(e.detail.language)}
        @open-catalogue=${() => this.go({ view: 'catalogue' })}
        @retry-lesson=${() => void this.loadLesson(routeLesson(this.route) ?? '')}
      ></lesson-panel>
      ${stage}
    </split-view>`;
  }

  /** Asks before a lesson replaces the sandbox this browser keeps for something else. */
  private renderReplace(): TemplateResult {
    const words = this.i18n.lesson;
    const otherId = this.replacing?.lessonId;
    const other = otherId
      ? (this.lessons.find((l) => l.id === otherId)?.title[this.language] ?? otherId)
      : undefined;
    return html`<div class="center">
      <div class="card" role="dialog" aria-labelledby="replace-title" data-testid="replace-sandbox">
        <h2 id="replace-title">${words.replaceTitle}</h2>
        <p>${words.replaceText(other)}</p>
        <div class="row">
          <button
            class="btn ghost"
            data-action="keep-sandbox"
            @click=${() => this.go(otherId ? { view: 'lesson', lessonId: otherId } : { view: 'play' })}
          >
            ${words.keepButton}
          </button>
          <button class="btn primary" data-action="replace-sandbox" @click=${() => void this.start()}>
            ${playIcon}${words.replaceButton}
          </button>
        </div>
      </div>
    </div>`;
  }

  private renderNotices(): TemplateResult | typeof nothing {
    if (!this.notices.length) return nothing;
    return html`<div class="notices" role="status" aria-live="polite">
      ${this.notices.map((n) => html`<div class="toast" data-level=${n.level}>${n.message}</div>`)}
    </div>`;
  }

  private renderTopBar(): TemplateResult {
    const live = hasLiveSession(this.appState);
    return html`<header>
      <a class="brand" href="#/" data-action="home" title=${this.i18n.lesson.allLessons}>
        ${logoIcon}
        <h1>${this.t.productName}</h1>
      </a>
      <span class="tagline">${this.t.productTagline}</span>
      <span class="spacer"></span>
      ${
        live
          ? html`<div class="actions">
              <button
                class="btn ghost"
                data-action="new-sandbox"
                aria-label=${this.t.newSandbox}
                title=${this.t.newSandbox}
                ?disabled=${this.busy}
                @click=${() => (this.confirming = this.confirming === 'new' ? null : 'new')}
              >
                ${plusIcon}<span class="label">${this.t.newSandbox}</span>
              </button>
              <button
                class="btn"
                data-action="end-session"
                aria-label=${this.t.endSession}
                title=${this.t.endSession}
                ?disabled=${this.busy}
                @click=${() => (this.confirming = this.confirming === 'end' ? null : 'end')}
              >
                ${powerIcon}<span class="label">${this.busy ? this.t.ending : this.t.endSession}</span>
              </button>
            </div>`
          : nothing
      }
      ${live && this.confirming ? this.renderConfirm(this.confirming) : nothing}
    </header>`;
  }

  private renderConfirm(which: 'end' | 'new'): TemplateResult {
    const isEnd = which === 'end';
    return html`<div class="confirm" role="dialog" aria-labelledby="confirm-title">
      <h2 id="confirm-title">${isEnd ? this.t.endConfirmTitle : this.t.newConfirmTitle}</h2>
      <p>${isEnd ? this.t.endConfirmText : this.t.newConfirmText}</p>
      <div class="row">
        <button class="btn ghost" @click=${() => (this.confirming = null)}>${this.t.cancel}</button>
        <button
          class="btn danger"
          data-action=${isEnd ? 'confirm-end' : 'confirm-new'}
          @click=${() => (isEnd ? void this.endSession() : this.startOver())}
        >
          ${isEnd ? this.t.endSession : this.t.newSandbox}
        </button>
      </div>
    </div>`;
  }

  private renderStage(): TemplateResult {
    const s = this.appState;
    switch (s.kind) {
      case 'idle':
        return this.renderIdle(s.notice);
      case 'starting':
        return html`<div class="center">
          <div class="card starting" role="status" aria-live="polite">
            <span class="spinner"></span>
            <h2>${s.phase === 'resuming' ? this.t.resumingTitle : this.t.creatingTitle}</h2>
            <p>${this.slow ? this.t.startingSlow : this.t.startingHint}</p>
            <div class="progress"></div>
          </div>
        </div>`;
      case 'ready':
        return this.renderTerminal(s.session);
      case 'error':
        return html`<div class="center">
          <div class="card error" role="alert">
            <div class="title">
              ${alertIcon}
              <h2>${this.errorTitle(s)}</h2>
            </div>
            <p class="message" data-testid="error-message">${s.message}</p>
            <div class="row">
              <button class="btn primary" data-action="retry" @click=${this.retry}>
                ${this.t.retryButton}
              </button>
              ${
                s.retry === 'resume'
                  ? html`<button class="btn ghost" @click=${this.startOver}>
                      ${this.t.startOverButton}
                    </button>`
                  : nothing
              }
            </div>
          </div>
        </div>`;
      case 'ended':
        return html`<div class="center">
          <div class="card">
            <h2>${this.t.endedTitle}</h2>
            <p>${s.message}</p>
            <div class="row">
              <button class="btn primary large" data-action="start" @click=${this.startOver}>
                ${playIcon}${this.t.startNewButton}
              </button>
            </div>
          </div>
        </div>`;
    }
  }

  private errorTitle(s: Extract<AppState, { kind: 'error' }>): string {
    if (s.sessionFailed) return this.t.sessionFailedTitle;
    return s.retry === 'resume' ? this.t.resumeErrorTitle : this.t.createErrorTitle;
  }

  private renderIdle(notice: string | undefined): TemplateResult {
    const icons = [engineIcon, lockIcon, sparkIcon];
    return html`<div class="center">
      ${notice ? html`<div class="notice" role="status">${notice}</div>` : nothing}
      <div class="hero">
        <div>
          <h2>${this.t.welcomeTitle}</h2>
          <p class="lead">${this.t.welcomeLead}</p>
          <ul class="points">
            ${this.t.welcomePoints.map(
              (p, i) =>
                html`<li>
                  <span class="ic">${icons[i % icons.length]}</span>
                  <div><strong>${p.title}</strong><span>${p.text}</span></div>
                </li>`,
            )}
          </ul>
          <div class="cta">
            <button class="btn primary large" data-action="start" @click=${this.startOver}>
              ${playIcon}${this.t.startButton}
            </button>
            <span class="hint">${this.t.startHint}</span>
          </div>
        </div>
        <div class="preview" aria-hidden="true">
          <div class="bar"><i></i><i></i><i></i></div>
          <pre><span class="p">$</span> <span class="c">docker run --rm alpine echo Hello from Docker!</span>
<span class="o">Hello from Docker!</span>

<span class="p">$</span> <span class="c">docker run -d --name cache -p 6379:6379 redis</span>
<span class="o">3f9c2a7e1b04…</span>

<span class="p">$</span> <span class="c">docker ps --format '{{.Names}} {{.Status}}'</span>
<span class="o">cache Up 2 seconds</span></pre>
        </div>
      </div>
    </div>`;
  }

  private renderTerminal(session: SessionView): TemplateResult {
    const creds = this.creds;
    const [tone, label] = this.paneStatus();
    const expires = Date.parse(session.expiresAt);
    const remaining = formatRemaining(expires - this.now, this.t.durations);
    const expiryTitle = Number.isFinite(expires)
      ? this.t.sessionExpiryTitle(
          new Date(expires).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }),
        )
      : '';
    return html`<div class="term-card">
      <div class="term-head">
        <span class="status" data-testid="terminal-status" data-pane-state=${this.paneState}>
          <span class="dot" data-tone=${tone}></span>${label}
        </span>
        <span class="spacer"></span>
        ${this.renderPorts()}
        ${
          remaining
            ? html`<span
                class="expiry ${expires - this.now < EXPIRY_WARNING_MS ? 'soon' : ''}"
                title=${expiryTitle}
                >${this.t.expiresIn(remaining)}</span
              >`
            : nothing
        }
      </div>
      ${
        creds
          ? html`<terminal-workspace
              session-id=${creds.id}
              .token=${creds.token}
              .hosts=${session.hosts}
              .hostStates=${session.hostStates}
              .maxHosts=${session.maxHosts}
              .initialPanes=${this.lesson?.panes}
              renderer=${RENDERER}
              @pane-state=${this.onPaneState}
              @session-gone=${this.onSessionGone}
              @add-host=${() => void this.changeHosts((c) => this.api.addHost(c.id, c.token))}
              @remove-host=${(e: CustomEvent<HostEventDetail>) =>
                void this.changeHosts((c) => this.api.removeHost(c.id, c.token, e.detail.host))}
            ></terminal-workspace>`
          : nothing
      }
    </div>`;
  }

  /** Links to the ports the session's containers publish, as the daemon reports them. */
  private renderPorts(): TemplateResult | typeof nothing {
    const creds = this.creds;
    const ports = Object.values(this.ports).flat();
    if (!creds || !ports.length) return nothing;
    return html`<port-links
      .ports=${ports}
      .labels=${this.t.portLinks}
      .requestTicket=${(p: PublishedPort) => this.api.requestPortTicket(creds.id, creds.token, p.host, p.port)}
    ></port-links>`;
  }

  private paneStatus(): [Tone, string] {
    switch (this.paneState) {
      case 'connecting':
        return ['busy', this.t.statusConnecting];
      case 'ready':
        return ['ok', this.t.statusConnected(this.paneHost)];
      case 'reconnecting':
        return ['busy', this.t.statusReconnecting];
      case 'offline':
        return ['off', this.t.statusOffline];
      case 'exited':
        return ['off', this.t.statusExited];
      case 'closed':
        return ['bad', this.t.statusClosed];
    }
  }
}

/** Records that a step's foreground command ran in a session; false if it already had. */
function markRan(sessionId: string, stepId: string): boolean {
  const key = `${sessionId}:${stepId}`;
  try {
    const ran = new Set<string>(JSON.parse(sessionStorage.getItem(RAN_KEY) ?? '[]') as string[]);
    if (ran.has(key)) return false;
    ran.add(key);
    sessionStorage.setItem(RAN_KEY, JSON.stringify([...ran].slice(-200)));
  } catch {
    // No storage: run it; a reload may run it again.
  }
  return true;
}
