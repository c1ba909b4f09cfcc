/** Largest Input frame payload the page sends; a bigger paste goes out in several frames. */
export const INPUT_CHUNK_BYTES = 16 * 1024;

/** How far back from a cut an ESC is looked for, so escape sequences stay whole. */
const ESC_LOOKBACK = 32;
const ESC = 0x1b;

const isContinuationByte = (b: number): boolean => (b & 0xc0) === 0x80;

/**
 * Splits input into chunks of at most `max` bytes. A cut never falls inside a UTF-8
 * sequence, and when an ESC sits just before a cut, the cut moves before it, so an
 * escape sequence (such as the end of a bracketed paste) travels in one frame.
 * Returns views into `data`, not copies.
 */
export function chunkInput(data: Uint8Array, max: number = INPUT_CHUNK_BYTES): Uint8Array[] {
  if (max < 1) throw new RangeError('chunk size must be positive');
  const chunks: Uint8Array[] = [];
  let start = 0;
  while (data.length - start > max) {
    let cut = start + max;
    // Step back to the first byte of a UTF-8 sequence (at most 3 continuation bytes).
    let back = cut;
    while (back > start && cut - back < 3 && isContinuationByte(data[back]!)) back--;
    if (back > start && !isContinuationByte(data[back]!)) cut = back;
    // Keep a nearby escape sequence together with what follows it.
    const lookFrom = Math.max(start + 1, cut - ESC_LOOKBACK);
    for (let i = cut - 1; i >= lookFrom; i--) {
      if (data[i] === ESC) {
        cut = i;
        break;
      }
    }
    chunks.push(data.subarray(start, cut));
    start = cut;
  }
  if (start < data.length || chunks.length === 0) chunks.push(data.subarray(start));
  return chunks;
}

const textEncoder = new TextEncoder();

/** Bytes of a string from xterm's onData (UTF-8 text). */
export const encodeText = (data: string): Uint8Array => textEncoder.encode(data);

/**
 * Bytes of a string from xterm's onBinary: each character carries one byte (0-255),
 * e.g. mouse reports in X10 mode. UTF-8 encoding it would corrupt bytes above 127.
 */
export function encodeBinaryString(data: string): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data.charCodeAt(i) & 0xff;
  return out;
}
