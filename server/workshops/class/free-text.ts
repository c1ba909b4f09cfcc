// A line people type for someone else's screen (a learner's help request, a trainer's
// message): what would move, hide or reorder text is stripped rather than refused, since
// a line pasted from a terminal often carries a tab or a newline.
import { message } from '../../../common/messages.js';
import { PlaygroundError } from '../../errors.js';

/**
 * Control characters (C0, C1, DEL: tabs and newlines too), line and paragraph separators,
 * and the bidirectional embeddings, overrides and isolates. Joiners stay (emoji need them).
 */
const STRIPPED = /[\p{Cc}\p{Zl}\p{Zp}\u202A-\u202E\u2066-\u2069]+/gu;

/**
 * `value` as one clean line: NFC, stripped characters turned to one space, trimmed. Empty is
 * allowed unless `required`; longer than `maxChars` code points is a 400 naming `field`.
 */
export function cleanLine(value: unknown, field: string, maxChars: number, required = false): string {
  if (value === undefined || value === null) value = '';
  if (typeof value !== 'string') throw new PlaygroundError(message('text-not-string', { field }), 400);
  // Bounded before any work on it: the body is at most 16 KiB anyway (json-body.ts).
  const text = value.normalize('NFC').replace(STRIPPED, ' ').trim();
  if (required && !text) throw new PlaygroundError(message('text-empty', { field }), 400);
  if ([...text].length > maxChars)
    throw new PlaygroundError(message('text-too-long', { field, max: maxChars }), 400);
  return text;
}
