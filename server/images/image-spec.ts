// What the catalog says about one image, and the shared recipe files image specs list as inputs.

export interface MirrorName {
  /** Repository in the mirror, as Docker Hub names it (official images live under library/). */
  repo: string;
  tags: string[];
}

export interface ImageSpec {
  /** Recipe folder under images/, holding build.sh. */
  name: string;
  /** Repository in the host engine; tagged :<hash> and :latest. */
  localRepo: string;
  /** Names pushed to the mirror; none for images only the host uses. */
  mirror: MirrorName[];
  /** Other folders (relative to the project root) whose files the recipe uses. */
  inputs: string[];
  /** Images built first; each is passed to the recipe as IMAGE_<NAME> (its exact tag). */
  dependsOn: string[];
  /** Facts outside the recipe's files that change its result. */
  facts?: () => string[];
  /** Owned elsewhere and possibly absent: a missing recipe is skipped with a warning. */
  optional?: boolean;
}

/** The helpers of recipes that assemble a root file system from Debian's packages. */
export const rootfsLib = ['images/lib/rootfs.sh', 'images/lib/wget.sh'];
/** Images that stand in for Alpine-based ones carry a notice and an apk that explains itself. */
export const alpineLib = [...rootfsLib, 'images/lib/alpine-notice.sh', 'images/lib/apk.sh'];
