import type { ITheme } from '@xterm/xterm';

/** Dark palette tuned for contrast on a near-black background. */
export const terminalTheme: ITheme = {
  background: '#0d1117',
  foreground: '#e6edf3',
  cursor: '#58a6ff',
  cursorAccent: '#0d1117',
  selectionBackground: '#264f78',
  selectionInactiveBackground: '#264f7880',
  scrollbarSliderBackground: 'rgba(230, 237, 243, 0.16)',
  scrollbarSliderHoverBackground: 'rgba(230, 237, 243, 0.28)',
  scrollbarSliderActiveBackground: 'rgba(230, 237, 243, 0.36)',
  black: '#484f58',
  red: '#ff7b72',
  green: '#3fb950',
  yellow: '#d29922',
  blue: '#58a6ff',
  magenta: '#bc8cff',
  cyan: '#39c5cf',
  white: '#b1bac4',
  brightBlack: '#6e7681',
  brightRed: '#ffa198',
  brightGreen: '#56d364',
  brightYellow: '#e3b341',
  brightBlue: '#79c0ff',
  brightMagenta: '#d2a8ff',
  brightCyan: '#56d4dd',
  brightWhite: '#f0f6fc',
};

export const terminalFontFamily =
  '"JetBrains Mono", "Cascadia Mono", "Fira Code", "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace';

/** 14px on roomy screens, a little smaller on phones so a usable number of columns fit. */
export const terminalFontSize = (viewportWidth: number): number => (viewportWidth < 600 ? 13 : 14);
