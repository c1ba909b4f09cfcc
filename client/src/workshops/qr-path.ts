// A QR code's dark modules as one SVG path (no DOM, so unit tests can read it).
import qrcode from 'qrcode-generator';

/** The white margin around the code, in modules (the standard asks for 4). */
export const QUIET = 4;

/** The dark modules as one path of 1×1 squares, inside a quiet zone; size counts both. */
export function qrPath(text: string): { size: number; d: string } {
  // Type 0 picks the smallest version that holds the text; M corrects 15 % of damage.
  const code = qrcode(0, 'M');
  code.addData(text);
  code.make();
  const n = code.getModuleCount();
  const parts: string[] = [];
  for (let row = 0; row < n; row++)
    for (let col = 0; col < n; col++)
      if (code.isDark(row, col)) parts.push(`M${col + QUIET} ${row + QUIET}h1v1h-1z`);
  return { size: n + 2 * QUIET, d: parts.join('') };
}
