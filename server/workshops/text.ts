// People's text that others will see (a learner's name in the trainer's grid, a workshop's
// title on the projector): trimmed, bounded, and free of characters that move or hide text.
import { message } from '../../common/messages.js';
import { PlaygroundError } from '../errors.js';

/**
 * Control characters (C0, C1, DEL), line and paragraph separators, and the bidirectional
 * embeddings, overrides and isolates, which would reorder the rest of a trainer's row.
 * Joiners stay: emoji sequences need them.
 */
const REFUSED = /[\p{Cc}\p{Zl}\p{Zp}\u202A-\u202E\u2066-\u2069]/u;

/** `value` trimmed and NFC-normalized, or a 400 naming `field` and why. */
export function cleanText(value: unknown, field: string, maxChars: number): string {
  if (typeof value !== 'string') throw new PlaygroundError(message('text-not-string', { field }), 400);
  const text = value.normalize('NFC').trim();
  if (!text) throw new PlaygroundError(message('text-empty', { field }), 400);
  // Counted in code points, not UTF-16 units nor what shows as one letter: combining marks
  // count, so no name grows without bound inside one visible letter.
  if ([...text].length > maxChars)
    throw new PlaygroundError(message('text-too-long', { field, max: maxChars }), 400);
  if (REFUSED.test(text)) throw new PlaygroundError(message('text-control', { field }), 400);
  return text;
}
