// Fenced code in lesson Markdown (CommonMark's rules, as far as lessons need them): where a
// fence opens, and whether a line closes it, with the marker an author may put after it.

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;

export interface Fence {
  indent: number;
  char: string;
  length: number;
  info: string;
}

export function openFence(line: string): Fence | null {
  const m = FENCE_OPEN.exec(line);
  if (!m) return null;
  const fence = m[2] ?? '';
  const info = (m[3] ?? '').trim();
  // A backtick fence's info string may not hold a backtick (CommonMark).
  if (fence.startsWith('`') && info.includes('`')) return null;
  return { indent: (m[1] ?? '').length, char: fence[0] ?? '`', length: fence.length, info };
}

/** A closing fence, optionally followed by a marker: returns the marker text ('' for none). */
export function closeFence(line: string, fence: Fence): string | null {
  const m = /^ {0,3}(`{3,}|~{3,})\s*(\{\{.*\}\})?\s*$/.exec(line);
  if (!m) return null;
  const chars = m[1] ?? '';
  if (chars[0] !== fence.char || chars.length < fence.length) return null;
  return m[2] ?? '';
}
