// <playground-app>: the page shell. It follows the address to a page (catalogue, lesson, free
// play), wires the sandbox (session-controller.ts) to the lesson (lesson-controller.ts) and the
// terminal, and renders them. Its session state is exposed as data-session-state for tests.
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { Command, Language } from '../../../common/lesson';
import type { SessionView } from '../../../common/api';
import { LanguageController, liveStrings } from '../i18n/language-controller';
import type { Strings } from '../i18n/strings-type';
import { createSessionApi, type SessionApi } from '../sessions/session-client';
import { TokenStore, browserStorage } from '../sessions/token-store';
import type { PaneState } from '../terminals/pane-state';
import type { PaneStateDetail } from '../terminals/terminal-pane';
import type { TerminalWorkspace } from '../terminals/terminal-workspace';
import '../lessons/lesson-panel';
import '../lessons/lesson-catalogue';
import '../ui/split-view';
import { createWorkshopApi } from '../workshops/workshop-api';
import { isWorkshopRoute, workshopPage } from '../workshops/workshop-pages';
import { WorkshopSeat } from '../workshops/workshop-seat';
import { formatRemaining, hasLiveSession, runningSandbox, startEndsRunning } from './app-state';
import { LessonController } from './lesson-controller';
import { Notices } from './notices';
import { playgroundAppStyles } from './playground-app-styles';
import { parseRoute, routeHash, routeLesson, type Route } from './route';
import { routeEntry } from './route-entry';
import { replaceRunningDialog, runningStrip } from './running-sandbox';
import { SessionController } from './session-controller';
import { endedCard, errorCard, idleCard, lessonStartError, replaceCard, startingCard } from './stage-cards';
import { terminalCard } from './terminal-card';
import { ConfirmController, topBar } from './top-bar';
import { SeatExtrasController } from '../workshops/seat-extras';
import { ClockController } from './clock-controller';

/** The host named in the status line until a pane reports its own. */
const SHELL_HOST = 'node1';
/** How often the time left is redrawn (and an expired sandbox noticed). */
const CLOCK_MS = 15_000;

declare global {
  interface HTMLElementTagNameMap {
    'playground-app': PlaygroundApp;
  }
}

@customElement('playground-app')
export class PlaygroundApp extends LitElement {
  static override styles = playgroundAppStyles;

  @state() private route: Route = parseRoute(window.location.hash);
  @state() private paneState: PaneState = 'connecting';
  @state() private paneHost = SHELL_HOST;
  @state() private busy = false;
  /** Set when opening a lesson would replace a sandbox kept for something else. */
  @state() private replacing: { lessonId?: string } | null = null;

  @query('terminal-workspace') private workspace?: TerminalWorkspace;

  /** The page's language (the learner switches it on the catalogue and the lesson). */
  private readonly i18n = new LanguageController(this);
  private readonly api: SessionApi = createSessionApi({ messages: liveStrings() });
  private readonly store = new TokenStore(browserStorage());
  private readonly notices = new Notices(this);
  private readonly confirm = new ConfirmController(this);
  /** The time shown; each tick also warns of a seat's end and notices an expired sandbox. */
  private readonly clock = new ClockController(this, CLOCK_MS, (now) => this.tick(now));
  /** The trainer's presence and the seat, when the session holds a workshop seat. */
  private readonly seatExtras = new SeatExtrasController(this);
  private readonly lessons = new LessonController(this, {
    api: this.api,
    routeLessonId: () => routeLesson(this.route),
    session: () => this.sandbox.key,
    warn: (message) => this.notices.notify('warning', message),
  });
  /** The workshop seat the sandbox holds, if any: the workshop bar above the lesson. */
  private readonly seat = new WorkshopSeat(this, {
    api: createWorkshopApi({ messages: liveStrings() }),
    onHint: (stepId) => this.renderRoot.querySelector('lesson-panel')?.openNextHint(stepId),
    onNotice: (level, message) => this.notices.notify(level, message),
    words: () => this.i18n.workshop,
    formatLeft: (ms) => formatRemaining(ms, this.t.durations),
    lessonTitle: (id) => this.lessonTitle(id) ?? id,
    onMoved: (lessonId) => this.go({ view: 'lesson', lessonId }),
  });
  private readonly sandbox = new SessionController(this, {
    connectEvents: (options) => this.seat.follow(options),
    api: this.api,
    store: this.store,
    lessonId: () => routeLesson(this.route),
    onState: (prev, next) => {
      if (next.kind === 'ready' && prev.kind !== 'ready') this.paneState = 'connecting';
      this.clock.update();
      this.reflectState();
    },
    onCreate: () => {
      this.seatExtras.reset();
      this.confirm.close();
      this.focusOnReady = true;
      this.replacing = null;
    },
    onProgress: (progress) => this.lessons.acceptProgress(progress),
    onStepCommand: (command) => void this.runCommand(command),
    onNotice: (level, message) => this.notices.notify(level, message),
    onWorkshopEvent: (event) => this.seatExtras.accept(event),
  });
  /** Focus the terminal once it is ready (after the learner or the page made a new sandbox). */
  private focusOnReady = false;

  /** The page shell's words in the page's language. */
  private get t(): Strings {
    return this.i18n.strings;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.reflectState();
    window.addEventListener('hashchange', this.onHashChange);
    void this.lessons.loadCatalogue();
    this.enterRoute();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
  }

  /** The active terminal's text (see TerminalWorkspace.terminalText), '' when none is shown. */
  terminalText(): string {
    return this.workspace?.terminalText() ?? '';
  }

  private reflectState(): void {
    this.setAttribute('data-session-state', this.sandbox.state.kind);
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

  /** Shows the route's page and does what it means for the sandbox kept (see route-entry.ts). */
  private enterRoute(): void {
    const route = this.route;
    this.replacing = null;
    this.sandbox.detach();
    if (route.view === 'lesson') void this.lessons.loadLesson(route.lessonId);
    else this.lessons.closeLesson();
    const entry = routeEntry(route, this.store.current());
    switch (entry.action) {
      case 'show-catalogue':
        this.lessons.refreshCounts();
        void this.sandbox.verifyKept();
        return;
      case 'resume':
        void this.sandbox.resume(entry.session);
        return;
      case 'offer-start':
        this.sandbox.showStart();
        void this.sandbox.verifyKept();
        return;
      case 'start':
        this.sandbox.showStart();
        void this.sandbox.start();
        return;
      case 'ask-replace':
        this.sandbox.showStart();
        this.replacing = entry.keptFor ? { lessonId: entry.keptFor } : {};
        return;
    }
  }

  // ----- Between the lesson, the sandbox and the terminal -----

  /** A lesson's Run button, or a step's own command: types the command into its pane. */
  private async runCommand(command: Command): Promise<void> {
    if (command.action !== 'exec') return;
    const workspace = this.workspace;
    if (!workspace || this.sandbox.state.kind !== 'ready') {
      this.notices.notify('info', this.i18n.lesson.sandboxNotReady);
      return;
    }
    try {
      await workspace.runInPane(command.pane, command.text, { interrupt: command.interrupt });
    } catch (err) {
      this.notices.notify('warning', err instanceof Error ? err.message : String(err));
    }
  }

  /** A start that would end a running sandbox (kept for another page) asks first. */
  private startOrAsk(): void {
    if (startEndsRunning(this.sandbox.state, this.store.current(), Date.now()))
      this.confirm.toggle('replace');
    else void this.sandbox.start();
  }

  /** Goes back to the page of the sandbox this browser keeps running. */
  private resumeKept(): void {
    const lessonId = this.store.current()?.lessonId;
    this.go(lessonId ? { view: 'lesson', lessonId } : { view: 'play' });
  }

  private lessonTitle(lessonId: string | undefined): string | undefined {
    if (!lessonId) return undefined;
    return this.lessons.catalogue.find((l) => l.id === lessonId)?.title[this.i18n.language] ?? lessonId;
  }

  /** The strip offering the sandbox kept running for another page, when there is one. */
  private renderRunning(slot?: string): TemplateResult | typeof nothing {
    const running = runningSandbox(this.store.current(), this.clock.now, this.t.durations);
    if (!running) return nothing;
    const strip = runningStrip(this.t, running, this.lessonTitle(running.lessonId), () => this.resumeKept());
    return slot ? html`<div slot=${slot}>${strip}</div>` : strip;
  }

  private renderReplaceRunning(): TemplateResult | typeof nothing {
    if (this.confirm.confirming !== 'replace') return nothing;
    return replaceRunningDialog(this.t, this.lessonTitle(this.store.current()?.lessonId), {
      onCancel: () => this.confirm.close(),
      onConfirm: () => void this.sandbox.start(),
    });
  }

  private async endSession(): Promise<void> {
    this.confirm.close();
    this.busy = true;
    await this.sandbox.end();
    this.busy = false;
  }

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
    if (e.detail.state === 'reconnecting') void this.sandbox.check();
  }

  private tick(now: number): void {
    this.seat.tick(now);
    const s = this.sandbox.state;
    if (s.kind === 'ready' && Date.parse(s.session.expiresAt) <= now) void this.sandbox.check();
  }

  // ----- Rendering -----

  protected override render(): TemplateResult {
    const s = this.sandbox.state;
    const stage = html`<section class="stage ${s.kind === 'ready' ? 'has-terminal' : ''}" slot="end">
      ${this.replacing ? this.renderReplace(this.replacing.lessonId) : this.renderStage()}
    </section>`;
    return html`
      ${topBar({
        t: this.t,
        lessonWords: this.i18n.lesson,
        live: hasLiveSession(s),
        busy: this.busy,
        confirm: this.confirm,
        onEnd: () => void this.endSession(),
        onNew: () => void this.sandbox.start(),
      })}
      ${this.seat.render(this.sandbox.key?.id, this.clock.now, { lessonId: routeLesson(this.route), progress: this.lessons.progress })}
      <main data-view=${this.route.view}>
        ${
          this.route.view === 'catalogue'
            ? this.renderCatalogue()
            : this.route.view === 'lesson'
              ? this.renderLesson(stage)
              : isWorkshopRoute(this.route)
                ? workshopPage(this.route, this.lessons.catalogue)
                : stage
        }
      </main>
      ${this.renderReplaceRunning()} ${this.notices.render()}
    `;
  }

  private renderCatalogue(): TemplateResult {
    return html`<lesson-catalogue
      .lessons=${this.lessons.catalogue}
      .progressByLesson=${this.lessons.progressByLesson}
      .loadState=${this.lessons.catalogueState}
      @open-lesson=${(e: CustomEvent<{ lessonId: string }>) =>
        this.go({ view: 'lesson', lessonId: e.detail.lessonId })}
      @free-play=${() => this.go({ view: 'play' })}
      @language-change=${(e: CustomEvent<{ language: Language }>) => this.lessons.setLanguage(e.detail.language)}
      @retry-lessons=${() => void this.lessons.loadCatalogue()}
      >${this.renderRunning('running')}<workshop-entry slot="running"></workshop-entry
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
      ${lessonStartError(this.t, this.sandbox.state)}
      <lesson-panel
        slot="start"
        .lesson=${this.lessons.lesson}
        .progress=${this.lessons.progress}
        .loadState=${this.lessons.lessonState}
        .loadError=${this.lessons.lessonError}
        @run-command=${(e: CustomEvent<Command>) => void this.runCommand(e.detail)}
        @check-step=${(e: CustomEvent<{ stepId: string }>) => void this.lessons.checkStep(e.detail.stepId)}
        @hint-open=${(e: CustomEvent<{ stepId: string }>) => this.seat.hintOpened(e.detail.stepId)}
        @language-change=${(e: CustomEvent<{ language: Language }>) => this.lessons.setLanguage(e.detail.language)}
        @open-catalogue=${() => this.go({ view: 'catalogue' })}
        @retry-lesson=${() => this.lessons.reloadLesson()}
      ></lesson-panel>
      ${stage}
    </split-view>`;
  }

  /** Asks before a lesson replaces the sandbox kept for another lesson (otherId) or free play. */
  private renderReplace(otherId: string | undefined): TemplateResult {
    return replaceCard(this.i18n.lesson, this.lessonTitle(otherId), {
      onKeep: () => this.go(otherId ? { view: 'lesson', lessonId: otherId } : { view: 'play' }),
      onReplace: () => void this.sandbox.start(),
    });
  }

  private renderStage(): TemplateResult {
    const s = this.sandbox.state;
    const start = () => this.startOrAsk();
    switch (s.kind) {
      case 'idle':
        return idleCard(this.t, s.notice, start, this.renderRunning());
      case 'starting':
        return startingCard(this.t, s.phase, this.sandbox.slow);
      case 'ready':
        return this.renderTerminal(s.session);
      case 'error':
        return errorCard(this.t, s, { onRetry: () => this.sandbox.retry(), onStartOver: start });
      case 'ended':
        return endedCard(
          this.t,
          s.message,
          {
            onStart: start,
            onLessons: () => this.go({ view: 'catalogue' }),
            lessonsLabel: this.i18n.lesson.allLessons,
          },
          this.renderRunning(),
        );
    }
  }

  private renderTerminal(session: SessionView): TemplateResult {
    const extras = this.seatExtras.render(this.sandbox.key);
    return html`${extras.above}${this.renderTerminalCard(session)}${extras.below}`;
  }

  private renderTerminalCard(session: SessionView): TemplateResult {
    return terminalCard({
      t: this.t,
      session,
      sessionKey: this.sandbox.key,
      paneState: this.paneState,
      paneHost: this.paneHost,
      now: this.clock.now,
      ports: Object.values(this.sandbox.ports).flat(),
      panes: this.lessons.lesson?.panes,
      requestTicket: (key, port) => this.api.requestPortTicket(key.id, key.token, port.host, port.port),
      onPaneState: (e) => this.onPaneState(e),
      onSessionGone: (e) => this.sandbox.confirmGone(e.detail.message),
      onAddHost: () => void this.sandbox.addHost(),
      onExtend: () => void this.sandbox.extend(),
      onRemoveHost: (host) => void this.sandbox.removeHost(host),
      onRestartHost: (host) => void this.sandbox.restartHost(host),
    });
  }
}
