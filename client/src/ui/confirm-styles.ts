import { css } from 'lit';

/** A small confirmation card: a title, a sentence, and its buttons on the right. */
export const confirmStyles = css`
  .confirm h2 {
    margin: 0 0 6px;
    font-size: 15px;
  }
  .confirm p {
    margin: 0 0 14px;
    color: var(--text-muted);
    font-size: 14px;
    line-height: 1.45;
  }
  .confirm .row {
    display: flex;
    justify-content: flex-end;
    gap: 8px;
  }
`;
