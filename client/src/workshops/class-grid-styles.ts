// The look of <class-grid>: a table that scrolls both ways under a header and beside a name
// column that stay put; cells whose colour and symbol both say where a learner stands.
import { css } from 'lit';

export const classGridStyles = css`
  :host {
    display: block;
    min-height: 0;
    color: var(--text);
  }
  .scroll {
    height: 100%;
    overflow: auto;
    border: 1px solid var(--border);
    border-radius: 12px;
    background: var(--surface);
  }
  table {
    border-collapse: separate;
    border-spacing: 0;
    font-size: 13.5px;
    min-width: 100%;
  }
  th,
  td {
    padding: 0 8px;
    height: 38px;
    border-bottom: 1px solid var(--border);
    white-space: nowrap;
    text-align: center;
    background: var(--surface);
  }
  thead th {
    position: sticky;
    z-index: 2;
    background: #151c29;
    color: var(--text-muted);
    font-weight: 600;
    font-size: 12px;
  }
  thead tr.groups th {
    top: 0;
    height: 30px;
  }
  thead tr.steps th {
    top: 30px;
    height: 28px;
  }
  thead th.lesson {
    text-align: left;
    color: var(--text);
    border-left: 1px solid var(--border-strong);
    max-width: 260px;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  th.step {
    min-width: 32px;
    cursor: help;
  }
  .name {
    position: sticky;
    left: 0;
    z-index: 1;
    text-align: left;
    min-width: 200px;
    max-width: 240px;
    border-right: 1px solid var(--border-strong);
  }
  thead .name {
    z-index: 3;
  }
  tfoot td,
  tfoot th {
    position: sticky;
    bottom: 0;
    background: #151c29;
    font-weight: 700;
    border-top: 1px solid var(--border-strong);
    border-bottom: 0;
  }
  tfoot .name {
    z-index: 3;
  }
  tbody tr {
    cursor: pointer;
  }
  tbody tr:hover > * {
    background: #172033;
  }
  tbody tr.selected > * {
    background: rgba(29, 99, 237, 0.16);
  }
  tbody tr.flag-help > .name {
    box-shadow: inset 4px 0 0 var(--danger);
  }
  tbody tr.flag-stuck > .name {
    box-shadow: inset 4px 0 0 var(--warning);
  }
  .who {
    display: flex;
    align-items: center;
    gap: 8px;
    width: 100%;
    padding: 0;
    border: 0;
    background: none;
    color: inherit;
    font: inherit;
    font-weight: 600;
    text-align: left;
    cursor: pointer;
  }
  .who:focus-visible {
    outline: 2px solid var(--focus);
    outline-offset: 2px;
  }
  .learner-name {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .seat {
    flex: none;
    min-width: 22px;
    color: var(--text-muted);
    font-weight: 500;
    font-size: 12px;
    font-variant-numeric: tabular-nums;
  }
  .dot {
    flex: none;
    width: 9px;
    height: 9px;
    border-radius: 50%;
    border: 2px solid #5b6678;
    box-sizing: border-box;
  }
  .dot.on {
    background: var(--success);
    border-color: var(--success);
  }
  .num {
    min-width: 44px;
    font-variant-numeric: tabular-nums;
    color: var(--text-muted);
  }
  .num.bad {
    color: #ff9b94;
    font-weight: 700;
  }
  .time {
    color: var(--text);
  }
  .help-col {
    text-align: left;
    min-width: 120px;
    max-width: 300px;
  }
  .help {
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .help-text {
    max-width: 150px;
    overflow: hidden;
    text-overflow: ellipsis;
    color: var(--text);
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 2px 7px;
    border-radius: 999px;
    font-size: 11.5px;
    font-weight: 700;
  }
  .badge.stuck {
    color: #1b1300;
    background: var(--warning);
  }
  .badge.ask {
    color: #fff;
    background: var(--danger-strong);
  }
  .resolve {
    font: inherit;
    font-size: 12px;
    font-weight: 600;
    padding: 3px 8px;
    border-radius: 6px;
    border: 1px solid var(--border-strong);
    background: var(--surface-2);
    color: var(--text);
    cursor: pointer;
  }
  .cell {
    min-width: 32px;
    padding: 0 3px;
    font-weight: 800;
    font-size: 14px;
  }
  .cell span {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 24px;
    height: 24px;
    border-radius: 6px;
  }
  .cell[data-cell='done'] span {
    color: #fff;
    background: #238636;
  }
  .cell[data-cell='current'] span {
    color: #9cc8ff;
    background: rgba(29, 99, 237, 0.22);
    box-shadow: inset 0 0 0 1.5px var(--accent-text);
  }
  .cell[data-cell='not-yet'] span {
    color: #5b6678;
    background: var(--surface-2);
  }
  .count {
    font-variant-numeric: tabular-nums;
  }
  .empty {
    height: 120px;
    color: var(--text-muted);
    font-size: 15px;
  }
`;
