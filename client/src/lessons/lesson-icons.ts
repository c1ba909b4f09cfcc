// Icons of the lesson components (24x24 viewBox, stroke in currentColor), like ui/icons.ts.
import { html, svg, type SVGTemplateResult } from 'lit';
import { strokeIcon } from '../ui/icons';

const icon = (size: number, body: SVGTemplateResult, strokeWidth = 2) => strokeIcon(body, size, strokeWidth);

export const checkIcon = (size = 16) => icon(size, svg`<path d="M5 12.5l4.5 4.5L19 7.5" />`, 2.6);
export const chevronLeftIcon = (size = 16) => icon(size, svg`<path d="M15 5l-7 7 7 7" />`);
export const chevronRightIcon = (size = 16) => icon(size, svg`<path d="M9 5l7 7-7 7" />`);
export const chevronDownIcon = (size = 16) => icon(size, svg`<path d="M5 9l7 7 7-7" />`);
export const copyIcon = (size = 15) =>
  icon(
    size,
    svg`<rect x="8" y="8" width="12" height="12" rx="2.5" /><path d="M16 8V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h2" />`,
  );
export const runIcon = (size = 14) =>
  html`<svg viewBox="0 0 24 24" width=${size} height=${size} fill="currentColor" aria-hidden="true">
    <path d="M7 4.8v14.4a1 1 0 0 0 1.5.86l11.7-7.2a1 1 0 0 0 0-1.72L8.5 3.94A1 1 0 0 0 7 4.8z" />
  </svg>`;
export const bulbIcon = (size = 16) =>
  icon(
    size,
    svg`<path d="M9 18h6M10 21h4M12 3a6 6 0 0 0-3.6 10.8c.6.5 1 1.2 1 2V16h5.2v-.2c0-.8.4-1.5 1-2A6 6 0 0 0 12 3z" />`,
  );
export const infoIcon = (size = 18) =>
  icon(size, svg`<circle cx="12" cy="12" r="9" /><path d="M12 11v5.5M12 7.6v.01" />`);
export const clockIcon = (size = 14) =>
  icon(size, svg`<circle cx="12" cy="12" r="9" /><path d="M12 7v5l3 2" />`);
export const stepsIcon = (size = 14) =>
  icon(size, svg`<path d="M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01" />`);
export const keyIcon = (size = 16) =>
  icon(size, svg`<circle cx="8" cy="15" r="4" /><path d="M11 12l8-8M16 7l3 3M14 9l2 2" />`);
export const trophyIcon = (size = 30) =>
  icon(
    size,
    svg`<path d="M8 4h8v5a4 4 0 0 1-8 0V4zM8 6H5a3 3 0 0 0 3 4M16 6h3a3 3 0 0 1-3 4M12 13v4M8.5 20h7M10 17h4v3h-4z" />`,
    1.8,
  );
export const sandboxIcon = (size = 22) =>
  icon(size, svg`<rect x="3" y="4" width="18" height="16" rx="2.5" /><path d="M7 9l3 3-3 3M12 15h5" />`, 1.8);
export const bookIcon = (size = 22) =>
  icon(
    size,
    svg`<path d="M4 5.5A2.5 2.5 0 0 1 6.5 3H20v15H6.5A2.5 2.5 0 0 0 4 20.5v-15zM4 20.5A2.5 2.5 0 0 0 6.5 23H20v-5" />`,
    1.8,
  );
