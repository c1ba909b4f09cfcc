// The centred cards shown where the terminal goes while there is none: welcome (idle),
// starting, error, ended, and the question before a lesson replaces the sandbox kept.
import { html, nothing, type TemplateResult } from 'lit';
import type { LessonStrings, Strings } from '../i18n/strings-type';
import { alertIcon, engineIcon, lockIcon, playIcon, powerIcon, sparkIcon } from '../ui/icons';
import type { AppState } from './app-state';

type ErrorState = Extract<AppState, { kind: 'error' }>;

/** The welcome card; `above` is shown over it (the strip of a sandbox still running elsewhere). */
export function idleCard(
  t: Strings,
  notice: string | undefined,
  onStart: () => void,
  above: TemplateResult | typeof nothing = nothing,
): TemplateResult {
  const icons = [engineIcon, lockIcon, sparkIcon];
  return html`<div class="center">
    ${notice ? html`<div class="notice" role="status">${notice}</div>` : nothing} ${above}
    <div class="hero">
      <div>
        <h2>${t.welcomeTitle}</h2>
        <p class="lead">${t.welcomeLead}</p>
        <ul class="points">
          ${t.welcomePoints.map(
            (p, i) =>
              html`<li>
                <span class="ic">${icons[i % icons.length]}</span>
                <div><strong>${p.title}</strong><span>${p.text}</span></div>
              </li>`,
          )}
        </ul>
        <div class="cta">
          <button class="btn primary large" data-action="start" @click=${onStart}>
            ${playIcon}${t.startButton}
          </button>
          <span class="hint">${t.startHint}</span>
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

export function startingCard(
  t: Strings,
  phase: 'creating' | 'booting' | 'resuming',
  slow: boolean,
): TemplateResult {
  return html`<div class="center">
    <div class="card starting" role="status" aria-live="polite">
      <span class="spinner"></span>
      <h2>${phase === 'resuming' ? t.resumingTitle : t.creatingTitle}</h2>
      <p>${slow ? t.startingSlow : t.startingHint}</p>
      <div class="progress"></div>
    </div>
  </div>`;
}

/** The error card's title: the sandbox failed, or reaching the server to make or resume one did. */
export function errorTitle(t: Strings, s: ErrorState): string {
  if (s.sessionFailed) return t.sessionFailedTitle;
  return s.retry === 'resume' ? t.resumeErrorTitle : t.createErrorTitle;
}

/** A sandbox that failed to start says so on the lesson's side too (a phone shows one side). */
export function lessonStartError(t: Strings, s: AppState): TemplateResult | typeof nothing {
  if (s.kind !== 'error') return nothing;
  return html`<div
    slot="start"
    data-notice
    class="lesson-start-error"
    role="alert"
    data-testid="lesson-start-error"
  >
    <strong>${errorTitle(t, s)}</strong>
    <span>${s.message}</span>
  </div>`;
}

export function errorCard(
  t: Strings,
  s: ErrorState,
  actions: { onRetry(): void; onStartOver(): void },
): TemplateResult {
  return html`<div class="center">
    <div class="card error" role="alert">
      <div class="title">
        ${alertIcon}
        <h2>${errorTitle(t, s)}</h2>
      </div>
      <p class="message" data-testid="error-message">${s.message}</p>
      <div class="row">
        <button class="btn primary" data-action="retry" @click=${() => actions.onRetry()}>
          ${t.retryButton}
        </button>
        ${
          s.retry === 'resume'
            ? html`<button class="btn ghost" @click=${() => actions.onStartOver()}>
                ${t.startOverButton}
              </button>`
            : nothing
        }
      </div>
    </div>
  </div>`;
}

/**
 * The one state of a session that has ended: why, and what to do (start again, pick a
 * lesson; `above` offers another sandbox this browser keeps running, if any).
 */
export function endedCard(
  t: Strings,
  message: string,
  actions: { onStart(): void; onLessons(): void; lessonsLabel: string },
  above: TemplateResult | typeof nothing = nothing,
): TemplateResult {
  return html`<div class="center">
    ${above}
    <div class="card ended" data-testid="session-ended" role="status">
      <span class="ended-icon" aria-hidden="true">${powerIcon}</span>
      <h2>${t.endedTitle}</h2>
      <p>${message}</p>
      <p class="next">${t.endedHint}</p>
      <div class="row">
        <button class="btn primary large" data-action="start" @click=${() => actions.onStart()}>
          ${playIcon}${t.startAgainButton}
        </button>
        <button class="btn ghost large" data-action="open-catalogue" @click=${() => actions.onLessons()}>
          ${actions.lessonsLabel}
        </button>
      </div>
    </div>
  </div>`;
}

/** Asks before a lesson replaces the sandbox this browser keeps for something else (`other`'s title). */
export function replaceCard(
  words: LessonStrings,
  other: string | undefined,
  actions: { onKeep(): void; onReplace(): void },
): TemplateResult {
  return html`<div class="center">
    <div class="card" role="dialog" aria-labelledby="replace-title" data-testid="replace-sandbox">
      <h2 id="replace-title">${words.replaceTitle}</h2>
      <p>${words.replaceText(other)}</p>
      <div class="row">
        <button class="btn ghost" data-action="keep-sandbox" @click=${() => actions.onKeep()}>
          ${words.keepButton}
        </button>
        <button class="btn primary" data-action="replace-sandbox" @click=${() => actions.onReplace()}>
          ${playIcon}${words.replaceButton}
        </button>
      </div>
    </div>
  </div>`;
}
