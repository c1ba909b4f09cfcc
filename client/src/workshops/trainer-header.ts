// The top of the trainer's class view: the workshop's title and code (a click puts it on the
// projector), time left, seats, and the workshop-wide actions (extend, end, message everyone,
// export the results).
import { css, html, nothing, type TemplateResult } from 'lit';
import { MESSAGE_TEXT_MAX, type ClassState } from '../../../common/workshop-live';
import { formatRemaining } from '../app/app-state';
import type { DurationWords } from '../i18n/strings-type';
import type { WorkshopStrings } from '../i18n/workshop-strings-type';
import { terminalIcon } from '../ui/icons';
import { timeLeft } from './class-model';
import type { ResultFormat } from './workshop-api';
import { spacedCode } from './workshop-format';
import { clockIcon } from './workshop-icons';

export const EXTEND_CHOICES = [10, 30] as const;

export interface TrainerHeaderOptions {
  words: WorkshopStrings;
  durations: DurationWords;
  state: ClassState;
  now: number;
  onProjector(): void;
  onExtend(minutes: number): void;
  onEnd(): void;
  onBroadcast(text: string): void;
  onExport(format: ResultFormat): void;
  /** Whether the trainer's demo terminal is shown. */
  demoShown: boolean;
  onDemo(): void;
  /** What the last broadcast did ("Sent", or why not). */
  broadcastNote: string;
}

export function trainerHeader(o: TrainerHeaderOptions): TemplateResult {
  const w = o.words;
  const ws = o.state.workshop;
  const left = timeLeft(ws.endsAt, o.now);
  const taken = ws.seats - ws.seatsLeft;
  return html`<header class="class-head">
    <div class="title-row">
      <h1 data-workshop-title>${ws.title}</h1>
      ${ws.ended ? html`<span class="ended" data-ended>${w.endedBadge}</span>` : nothing}
      <button
        class="code-btn"
        data-action="show-projector"
        title=${w.codeButtonTitle}
        @click=${o.onProjector}
      >
        <span class="code" data-join-code=${ws.code}>${spacedCode(ws.code)}</span>
      </button>
      <span class=${`pill ${left.warn ? 'warn' : ''}`} data-time-left>
        ${clockIcon()} ${formatRemaining(left.ms, o.durations) ?? w.workshopOver}
      </span>
      <span class="pill" data-seats=${`${taken}/${ws.seats}`}>${w.seatsTaken(taken, ws.seats)}</span>
      <span class="pill muted">${w.seatsReady(o.state.readySeats)}</span>
      <span class="spacer"></span>
      ${EXTEND_CHOICES.map(
        (m) =>
          html`<button
            class="btn"
            data-action=${`extend-${m}`}
            ?disabled=${ws.ended}
            @click=${() => o.onExtend(m)}
          >
            ${w.extend(m)}
          </button>`,
      )}
      <button class="btn danger" data-action="end-workshop" ?disabled=${ws.ended} @click=${o.onEnd}>
        ${w.endWorkshop}
      </button>
    </div>
    ${toolsRow(o)}
  </header>`;
}

/** Message everyone; export the results. */
function toolsRow(o: TrainerHeaderOptions): TemplateResult {
  const w = o.words;
  const ended = o.state.workshop.ended;
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).querySelector('input');
    const text = input?.value.trim() ?? '';
    if (!input || !text) return;
    o.onBroadcast(text);
    input.value = '';
  };
  return html`<div class="tools-row">
    <form class="broadcast" @submit=${submit}>
      <input
        name="broadcast"
        maxlength=${MESSAGE_TEXT_MAX}
        aria-label=${w.broadcastLabel}
        placeholder=${`${w.broadcastLabel}: ${w.broadcastPlaceholder}`}
        ?disabled=${ended}
      />
      <button class="btn primary" type="submit" data-action="broadcast" ?disabled=${ended}>${w.send}</button>
      <span class="note" role="status">${o.broadcastNote}</span>
    </form>
    <span class="spacer"></span>
    <button
      class="btn"
      data-action="demo-terminal"
      aria-pressed=${o.demoShown}
      ?disabled=${ended}
      @click=${o.onDemo}
    >
      ${terminalIcon} ${w.demoTerminal}
    </button>
    <button class="btn" data-action="export-csv" @click=${() => o.onExport('csv')}>${w.exportCsv}</button>
    <button class="btn" data-action="export-json" @click=${() => o.onExport('json')}>${w.exportJson}</button>
  </div>`;
}

export const trainerHeaderStyles = css`
  .class-head {
    display: flex;
    flex-direction: column;
    gap: 10px;
    padding: 14px 18px 12px;
    border-bottom: 1px solid var(--border);
    background: var(--surface);
  }
  .title-row,
  .tools-row {
    display: flex;
    align-items: center;
    gap: 10px;
    flex-wrap: wrap;
  }
  h1 {
    margin: 0;
    font-size: 20px;
    letter-spacing: -0.01em;
    /* Its own width (up to 36ch): the spacer takes the free room, not half of it. */
    flex: 0 1 auto;
    min-width: 0;
    max-width: 36ch;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .code-btn {
    font: inherit;
    padding: 4px 12px;
    border-radius: 8px;
    border: 1px solid rgba(88, 166, 255, 0.5);
    background: rgba(29, 99, 237, 0.14);
    color: var(--accent-text);
    font-size: 18px;
    cursor: pointer;
  }
  .code-btn:hover {
    background: rgba(29, 99, 237, 0.26);
  }
  .pill {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 4px 10px;
    border-radius: 999px;
    background: var(--surface-2);
    font-size: 13.5px;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .pill.muted {
    color: var(--text-muted);
    font-weight: 500;
  }
  .pill.warn {
    background: rgba(210, 153, 34, 0.2);
    color: #e3b341;
  }
  .ended {
    padding: 3px 9px;
    border-radius: 999px;
    background: var(--danger-strong);
    color: #fff;
    font-size: 12px;
    font-weight: 700;
  }
  .spacer {
    flex: 1;
  }
  .broadcast {
    display: flex;
    gap: 8px;
    align-items: center;
    flex: 1 1 320px;
    max-width: 720px;
  }
  .broadcast input {
    flex: 1;
    min-width: 0;
  }
  .btn[aria-pressed='true'] {
    border-color: var(--accent);
    background: rgba(29, 99, 237, 0.18);
  }
  .note {
    color: #56d364;
    font-size: 13px;
  }
`;
