import { html, svg, type SVGTemplateResult } from 'lit';

// Small inline icons (24x24 viewBox, stroke uses currentColor).

/** An outline icon: `body` drawn with a round stroke in the text's colour. */
export const strokeIcon = (body: SVGTemplateResult, size = 16, weight = 2) => svg`<svg
  viewBox="0 0 24 24"
  width=${size}
  height=${size}
  fill="none"
  stroke="currentColor"
  stroke-width=${weight}
  stroke-linecap="round"
  stroke-linejoin="round"
  aria-hidden="true"
>${body}</svg>`;

export const logoIcon = html`<svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
  <rect x="1" y="1" width="30" height="30" rx="8" fill="var(--accent)" />
  <g fill="#fff">
    <rect x="7" y="13" width="4" height="4" rx="0.6" />
    <rect x="12" y="13" width="4" height="4" rx="0.6" />
    <rect x="17" y="13" width="4" height="4" rx="0.6" />
    <rect x="12" y="8" width="4" height="4" rx="0.6" />
    <rect x="17" y="8" width="4" height="4" rx="0.6" />
    <path d="M5.5 18.5h21.2c.3 0 .5.3.4.6-1.3 4-5.1 6.4-10.6 6.4-5.4 0-9.4-2.6-11.4-6.4-.1-.3.1-.6.4-.6z" />
  </g>
</svg>`;

export const engineIcon = strokeIcon(
  svg`<rect x="3" y="4" width="18" height="16" rx="2.5" /><path d="M7 9l3 3-3 3M12 15h5" />`,
  22,
  1.8,
);
export const lockIcon = strokeIcon(
  svg`<rect x="4" y="10" width="16" height="11" rx="2.5" /><path d="M8 10V7a4 4 0 0 1 8 0v3" />`,
  22,
  1.8,
);
export const sparkIcon = strokeIcon(
  svg`<path d="M4 20l4-4M14.5 4.5l5 5-9 9-5-5z" /><path d="M12 7l5 5" />`,
  22,
  1.8,
);

export const playIcon = html`<svg
  viewBox="0 0 24 24"
  width="18"
  height="18"
  fill="currentColor"
  aria-hidden="true"
>
  <path d="M8 5.5v13a1 1 0 0 0 1.5.86l10.5-6.5a1 1 0 0 0 0-1.72L9.5 4.64A1 1 0 0 0 8 5.5z" />
</svg>`;

export const alertIcon = strokeIcon(
  svg`<circle cx="12" cy="12" r="9" /><path d="M12 7.5v5.5M12 16.5v.01" />`,
  22,
);
export const refreshIcon = strokeIcon(svg`<path d="M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7" />`);
export const terminalIcon = strokeIcon(svg`<path d="M5 7l5 5-5 5M12 17h7" />`, 14);
export const powerIcon = strokeIcon(svg`<path d="M12 3v8M6.3 7.3a8 8 0 1 0 11.4 0" />`);
export const plusIcon = strokeIcon(svg`<path d="M12 5v14M5 12h14" />`);
export const externalLinkIcon = strokeIcon(
  svg`<path d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5" />`,
  14,
);
