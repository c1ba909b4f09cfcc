import { svg, type SVGTemplateResult } from 'lit';
import { strokeIcon } from '../ui/icons';

// The terminal workspace's toolbar icons (24x24 viewBox, stroke uses currentColor).

const icon = (body: SVGTemplateResult, size = 16) => strokeIcon(body, size);

export const splitIcon = icon(svg`<rect x="3" y="4" width="18" height="16" rx="2.5" /><path d="M12 4v16" />`);
export const singleIcon = icon(svg`<rect x="3" y="4" width="18" height="16" rx="2.5" />`);
export const fontSmallerIcon = icon(svg`<path d="M4 18l5-12 5 12M5.7 14h6.6M16 12h5" />`);
export const fontLargerIcon = icon(svg`<path d="M3 18l5-12 5 12M4.7 14h6.6M15 12h6M18 9v6" />`);
export const clearIcon = icon(svg`<path d="M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13" />`);
export const expandIcon = icon(svg`<path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />`);
export const collapseIcon = icon(svg`<path d="M9 4v5H4M15 4v5h5M9 20v-5H4M15 20v-5h5" />`);
export const closeIcon = icon(svg`<path d="M6 6l12 12M18 6L6 18" />`, 14);
export const hostIcon = icon(
  svg`<rect x="3" y="4" width="18" height="7" rx="2" /><rect x="3" y="13" width="18" height="7" rx="2" /><path d="M7 7.5h.01M7 16.5h.01" />`,
  14,
);
export const chevronIcon = icon(svg`<path d="M6 9l6 6 6-6" />`, 14);
