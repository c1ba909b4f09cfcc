// dtach's attach begins by clearing the screen (`ESC [H ESC [J`, attach.c) before it passes on
// the shell's output. For a pane that comes back after a server restart, that clear would wipe
// the screen just replayed from disk, and a shell at its prompt draws nothing new, so the pane
// would stay blank. Only that exact sequence, and only as the stream's first bytes, is
// dropped: a brand-new pane is blank anyway, and output without it (no dtach) passes unchanged.

/** The clear dtach's attach writes first (VT100: cursor home, erase below). */
export const DTACH_ATTACH_CLEAR = Buffer.from('\x1b[H\x1b[J');

/**
 * Returns a filter for a stream's chunks that drops `prefix` from the very head of the stream
 * and passes everything else unchanged. It holds back at most `prefix.length` bytes, and only
 * while they still match; once a byte differs or the prefix is gone it is a pass-through.
 */
export function dropLeading(prefix: Uint8Array = DTACH_ATTACH_CLEAR): (chunk: Buffer) => Buffer {
  let matched = 0;
  let done = false;
  return (chunk) => {
    if (done) return chunk;
    let at = 0;
    while (at < chunk.length && matched < prefix.length && chunk[at] === prefix[matched]) {
      at++;
      matched++;
    }
    if (matched === prefix.length) {
      done = true;
      return chunk.subarray(at);
    }
    if (at === chunk.length) return chunk.subarray(chunk.length); // all of it may still be the prefix
    // A byte differs: what was held back was output after all.
    done = true;
    const held = Buffer.from(prefix.subarray(0, matched - at));
    return held.length ? Buffer.concat([held, chunk]) : chunk;
  };
}
