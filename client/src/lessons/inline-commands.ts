// Finds the rendered `<code>` element of each inline command of a Markdown block.
//
// The server numbers a block's code spans with `codeIndex`. Its scanner also counts an unmarked
// fenced code block as one span, while the rendered HTML may hold `<code>` elements the scanner
// never saw (indented code blocks). So the index is tried both ways, and a candidate is trusted
// only if its text is the command's; failing that, the first unused inline code with that text
// is taken. A command whose code cannot be found is left undecorated rather than put on the
// wrong code.

import type { InlineCommand } from '../../../common/lesson';

export interface RenderedCode {
  text: string;
  /** Inside `<pre>` (a code block), so never an inline command. */
  inPre: boolean;
}

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

/** For each command, the index in `codes` of its element, or -1 when none fits. */
export function matchInlineCommands(
  codes: readonly RenderedCode[],
  commands: readonly InlineCommand[],
): number[] {
  const inline = codes.flatMap((c, i) => (c.inPre ? [] : [i]));
  const taken = new Set<number>();
  const fits = (i: number | undefined, text: string): i is number =>
    i !== undefined && !taken.has(i) && codes[i]?.inPre === false && normalize(codes[i].text) === text;

  return commands.map(({ codeIndex, command }) => {
    const text = normalize(command.text);
    const candidates = [codeIndex, inline[codeIndex]];
    let found = candidates.find((i) => fits(i, text));
    if (found === undefined) found = inline.find((i) => fits(i, text));
    if (found === undefined) return -1;
    taken.add(found);
    return found;
  });
}
