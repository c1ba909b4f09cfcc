// Styles of the cards in the middle of the page (./stage-cards.ts): the welcome card with its
// preview, starting, error and ended.
import { css } from 'lit';

/** The centered cards; on a narrow screen the welcome card stacks, on a phone it fills the width. */
export const stageCardStyles = css`
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
    background: radial-gradient(120% 140% at 0% 0%, rgba(29, 99, 237, 0.16), transparent 55%), var(--surface);
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
  .card.ended .ended-icon {
    display: inline-grid;
    place-items: center;
    width: 52px;
    height: 52px;
    margin-bottom: 14px;
    border-radius: 50%;
    color: var(--text-muted);
    background: var(--surface-3);
  }
  .card.ended .ended-icon svg {
    width: 24px;
    height: 24px;
  }
  .card.ended p {
    margin-bottom: 10px;
  }
  .card.ended p.next {
    margin-bottom: 22px;
    color: var(--text);
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

  @media (max-width: 900px) {
    .hero {
      grid-template-columns: minmax(0, 1fr);
      padding: 28px;
      gap: 28px;
    }
  }
  @media (max-width: 600px) {
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
    .card.ended .row .btn {
      width: 100%;
      justify-content: center;
    }
  }
`;
