// What in a scenario's step needs the internet, which a sandbox does not have: installs from
// package registries, clones and downloads from public hosts, and pings of public names. Found
// per line so the import can say where, and so an operator knows what to vendor into assets.

/** One line that needs the internet, and what in it does. */
export interface InternetUse {
  line: number;
  what: string;
}

/** Longest line looked at: scenario text is prose and commands, never megabytes on a line. */
const MAX_LINE = 2000;

/** A host name with a dot that is not an address, `localhost` or a `.local` name. */
const PUBLIC_HOST = String.raw`(?!localhost\b)(?!\d+\.\d+\.\d+\.\d+\b)[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b(?<!\.local)`;

const RULES: readonly { pattern: RegExp; what: (m: RegExpExecArray) => string }[] = [
  {
    pattern: /\b(?:apt-get|apt|apk|yum|dnf)\s+(?:-\S+\s+)*(?:install|add|update)\b/,
    what: (m) => `installs packages (${m[0]})`,
  },
  {
    pattern: /\b(?:pip3?|npm|yarn|gem|go)\s+(?:install|get|add)\b/,
    what: (m) => `installs packages (${m[0]})`,
  },
  {
    // A download by a command (links in prose are for reading, not fetching).
    pattern: new RegExp(String.raw`\b(?:curl|wget|ADD)\b[^\n]*?\bhttps?://(${PUBLIC_HOST})`, 'i'),
    what: (m) => `fetches from ${m[1]}`,
  },
  {
    pattern: new RegExp(
      String.raw`\bgit\s+clone\s+(?:-\S+\s+)*(?:[a-z]+://)?(?:[^@\s/]+@)?(${PUBLIC_HOST})`,
      'i',
    ),
    what: (m) => `clones from ${m[1]}`,
  },
  {
    pattern: new RegExp(String.raw`\bping\s+(?:-\S+\s+(?:\d+\s+)?)*(${PUBLIC_HOST})`, 'i'),
    what: (m) => `pings ${m[1]}`,
  },
];

/** Each line of `text` that needs the internet (the first reason found on it). */
export function internetUses(text: string): InternetUse[] {
  const uses: InternetUse[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.slice(0, MAX_LINE);
    for (const rule of RULES) {
      const m = rule.pattern.exec(line);
      if (m) {
        uses.push({ line: i + 1, what: rule.what(m) });
        break;
      }
    }
  }
  return uses;
}
