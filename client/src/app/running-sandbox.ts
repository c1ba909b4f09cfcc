// A sandbox this browser keeps running while the learner is on another page: the strip that
// offers to resume it (with its time left) on the start pages, and the question asked before
// a new sandbox would end it.
import { css, html, type TemplateResult } from 'lit';
import type { Strings } from '../i18n/strings-type';
import { alertIcon, playIcon } from '../ui/icons';
import type { RunningSandbox } from './app-state';

/** "Your sandbox is still running · Lesson: … · Ends in 1 h 52 min", and Resume. */
export function runningStrip(
  t: Strings,
  running: RunningSandbox,
  lessonTitle: string | undefined,
  onResume: () => void,
): TemplateResult {
  return html`<div class="running" data-testid="running-sandbox" role="status">
    <span class="live-dot" aria-hidden="true"></span>
    <div class="running-text">
      <strong>${t.runningTitle}</strong>
      <span
        >${t.runningFor(lessonTitle)} ·
        <span class="time-left" data-testid="time-left">${t.expiresIn(running.timeLeft)}</span></span
      >
    </div>
    <button class="btn primary" data-action="resume-sandbox" @click=${onResume}>
      ${playIcon}${t.resumeButton}
    </button>
  </div>`;
}

/** Asks before a new sandbox ends the one running (for `lessonTitle`, or free play). */
export function replaceRunningDialog(
  t: Strings,
  lessonTitle: string | undefined,
  actions: { onCancel(): void; onConfirm(): void },
): TemplateResult {
  return html`<div class="scrim">
    <div
      class="confirm dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="replace-running-title"
      data-testid="confirm-replace"
    >
      <h2 id="replace-running-title"><span class="warn-icon">${alertIcon}</span>${t.replaceRunningTitle}</h2>
      <p>${t.replaceRunningText(lessonTitle)}</p>
      <div class="row">
        <button class="btn ghost" data-action="cancel-replace" autofocus @click=${() => actions.onCancel()}>
          ${t.cancel}
        </button>
        <button class="btn danger" data-action="confirm-replace" @click=${() => actions.onConfirm()}>
          ${t.replaceRunningButton}
        </button>
      </div>
    </div>
  </div>`;
}

export const runningSandboxStyles = css`
  .running {
    box-sizing: border-box;
    width: min(960px, 100%);
    display: flex;
    align-items: center;
    gap: 14px;
    padding: 14px 16px 14px 18px;
    border-radius: 14px;
    border: 1px solid rgba(63, 185, 80, 0.4);
    background: linear-gradient(90deg, rgba(63, 185, 80, 0.12), rgba(63, 185, 80, 0.03) 60%), var(--surface);
  }
  lesson-catalogue .running {
    width: 100%;
    margin: 0 0 22px;
  }
  .live-dot {
    flex: none;
    width: 10px;
    height: 10px;
    border-radius: 50%;
    background: var(--success);
    box-shadow: 0 0 0 4px rgba(63, 185, 80, 0.18);
  }
  .running-text {
    flex: 1;
    min-width: 0;
    display: flex;
    flex-direction: column;
    gap: 2px;
    font-size: 14px;
    line-height: 1.4;
  }
  .running-text strong {
    font-size: 15px;
  }
  .running-text > span {
    color: var(--text-muted);
    overflow-wrap: anywhere;
  }
  .time-left {
    color: var(--text);
    font-variant-numeric: tabular-nums;
  }

  .scrim {
    position: fixed;
    inset: 0;
    z-index: 40;
    display: flex;
    align-items: center;
    justify-content: center;
    padding: 16px;
    background: rgba(1, 4, 9, 0.62);
  }
  .confirm.dialog {
    box-sizing: border-box;
    width: min(440px, 100%);
    padding: 20px;
    border-radius: 14px;
    background: var(--surface-2);
    border: 1px solid var(--border-strong);
    box-shadow: 0 24px 60px rgba(0, 0, 0, 0.55);
  }
  .confirm.dialog h2 {
    display: flex;
    align-items: center;
    gap: 10px;
    font-size: 17px;
  }
  .warn-icon {
    display: inline-flex;
    color: var(--warning);
  }

  @media (max-width: 600px) {
    .running {
      flex-wrap: wrap;
      padding: 14px;
    }
    .running .btn {
      width: 100%;
      justify-content: center;
    }
    .confirm.dialog .row {
      flex-direction: column-reverse;
    }
    .confirm.dialog .row .btn {
      width: 100%;
      justify-content: center;
    }
  }
`;
