// What a pane slot shows while its host is not ready, and what the workspace shows with no
// pane at all. Templates only: they render inside the workspace, under its styles.

import { html, nothing, type TemplateResult } from 'lit';
import type { HostState } from '../../../common/api';
import type { WorkspaceStrings } from '../i18n/strings-type';
import { alertIcon, plusIcon } from '../ui/icons';
import { serverWords } from '../i18n/server-words';

/**
 * A host that is still starting, or failed (with the reason when the server gave one, and a
 * button that gives it a fresh sandbox).
 */
export function hostWaiting(
  t: WorkspaceStrings,
  host: string,
  state: HostState,
  restart: () => void,
): TemplateResult {
  if (state.state === 'failed') {
    return html`<div class="placeholder bad" role="alert">
      <span class="icon">${alertIcon}</span>
      <strong>${t.hostFailed(host)}</strong>
      ${state.error ? html`<span class="err">${serverWords(t.serverMessages, state.error, state.errorMessage)}</span>` : nothing}
      <button
        class="btn primary"
        data-action="restart-host"
        title=${t.restartHostTitle(host)}
        @click=${restart}
      >
        ${t.restartHost}
      </button>
    </div>`;
  }
  return html`<div class="placeholder" role="status">
    <span class="spinner"></span>${t.hostStarting(host)}
  </div>`;
}

/** No pane open: a button opens one on `readyHost`, when a host is ready. */
export function noTerminals(
  t: WorkspaceStrings,
  readyHost: string | undefined,
  open: (host: string) => void,
): TemplateResult {
  return html`<div class="placeholder">
    <span>${t.noTerminals}</span>
    ${
      readyHost
        ? html`<button class="btn primary" data-action="open-pane" @click=${() => open(readyHost)}>
            ${plusIcon}${t.openTerminal}
          </button>`
        : nothing
    }
  </div>`;
}
