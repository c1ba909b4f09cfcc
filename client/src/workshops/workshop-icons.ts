// The workshops' small icons (line drawings like the rest of the page's; emoji fonts are not
// on every machine a class uses).
import { svg } from 'lit';
import { strokeIcon } from '../ui/icons';

export { bulbIcon, clockIcon } from '../lessons/lesson-icons';

/** A raised hand: asking for help. */
export const handIcon = (size = 15) =>
  strokeIcon(
    svg`<path d="M8 13V5.5a1.5 1.5 0 0 1 3 0V11M11 10V4a1.5 1.5 0 0 1 3 0v6M14 10V5.5a1.5 1.5 0 0 1 3 0V14a7 7 0 0 1-7 7h-.5a6 6 0 0 1-4.6-2.2L3 16.5a1.5 1.5 0 0 1 2.2-2L8 16" />`,
    size,
  );

export const linkIcon = (size = 15) =>
  strokeIcon(
    svg`<path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />`,
    size,
  );
