// Images a lesson uses, where it uses them, and the checks on them: every image a command or
// check uses must be built by the playground (a sandbox has no other source) or made by the
// lesson itself, and a native lesson lists the ones it pulls in lesson.yaml.
import { canonicalImage, familiarImage, type ImageUse } from './images.js';
import { error, warning, type Problem } from './problems.js';
import { LESSON_FILE } from './source.js';

/** An image a command or check uses, at the file and line that names it. */
export interface ImageUseAt extends ImageUse {
  file: string;
  line: number;
}

/** What the checks compare the uses against. */
export interface ImageList {
  /** lesson.yaml, where `images` is. */
  file: string;
  /** lesson.yaml's `images`, each with its line. */
  listed: readonly { image: string; line: number }[];
  /** Images a sandbox can pull, canonical. */
  available: ReadonlySet<string>;
}

/** The message for an image that is neither built by the playground nor made by the lesson. */
export function notBuilt(image: string, images: ReadonlySet<string>): string {
  return `image "${image}" is not one the playground builds (it builds: ${describeImages(images)})`;
}

/** "alpine, nginx (1.25, alpine, latest), ...": each repository once, with its tags. */
export function describeImages(images: Iterable<string>): string {
  const tagsOf = new Map<string, string[]>();
  for (const c of images) {
    const at = c.lastIndexOf(':');
    const repo = familiarImage(c.slice(0, at));
    tagsOf.set(repo, [...(tagsOf.get(repo) ?? []), c.slice(at + 1)]);
  }
  return [...tagsOf]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([repo, tags]) =>
      tags.length === 1 && tags[0] === 'latest' ? repo : `${repo} (${tags.sort().join(', ')})`,
    )
    .join(', ');
}

/** Canonical names of the images the lesson's own commands make (docker build -t, tag, commit). */
export function madeImages(uses: readonly ImageUseAt[]): Set<string> {
  return new Set(uses.filter((u) => u.made).map((u) => canonicalImage(u.image)));
}

/** Checks the listed images against what is available and the uses against the list. */
export function checkImages(list: ImageList, uses: readonly ImageUseAt[]): Problem[] {
  const problems: Problem[] = [];
  const made = madeImages(uses);
  const listed = checkListed(list, made, problems);
  const used = checkUses(list.available, listed, made, uses, problems);
  for (const [c, line] of listed) {
    if (!used.has(c) && !made.has(c)) {
      problems.push(
        warning(list.file, line, `image "${familiarImage(c)}" is listed but no command or check uses it`),
      );
    }
  }
  return problems;
}

/** Each listed image, once, and one the lesson could not pull; returns canonical name -> line. */
function checkListed(list: ImageList, made: ReadonlySet<string>, problems: Problem[]): Map<string, number> {
  const listed = new Map<string, number>();
  for (const { image, line } of list.listed) {
    const c = canonicalImage(image);
    if (listed.has(c)) problems.push(warning(list.file, line, `image "${image}" is listed twice`));
    listed.set(c, line);
    if (!list.available.has(c) && !made.has(c))
      problems.push(error(list.file, line, notBuilt(image, list.available)));
  }
  return listed;
}

/** Each pulled image must be available and listed; returns the canonical names used. */
function checkUses(
  available: ReadonlySet<string>,
  listed: ReadonlyMap<string, number>,
  made: ReadonlySet<string>,
  uses: readonly ImageUseAt[],
  problems: Problem[],
): Set<string> {
  const used = new Set<string>();
  for (const use of uses.filter((u) => !u.made)) {
    const c = canonicalImage(use.image);
    used.add(c);
    if (made.has(c)) continue;
    if (!available.has(c)) problems.push(error(use.file, use.line, notBuilt(use.image, available)));
    else if (!listed.has(c)) {
      problems.push(
        error(use.file, use.line, `image "${use.image}" is used but not listed in ${LESSON_FILE} images`),
      );
    }
  }
  return used;
}
