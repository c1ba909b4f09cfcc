// The playground's images: the sandbox image and every image a lesson pulls, built offline.
export { CATALOG, mirrorRefs, SANDBOX_REPO, type ImageSpec, type MirrorName } from './catalog.js';
export {
  ensureImages,
  formatSize,
  ImageBuildError,
  PLAYGROUND_ROOT,
  type EnsureImagesOptions,
  type ImageBuildReport,
  type ImageResult,
} from './build.js';
export { HASH_LABEL } from './engine-images.js';
export { recipeHash } from './recipe-hash.js';

import { SANDBOX_REPO } from './catalog.js';

/** The sandbox image as ensureImages leaves it: always the newest build. */
export const SANDBOX_IMAGE = `${SANDBOX_REPO}:latest`;

/** The sandbox image's tag, for the sandbox manager. */
export async function sandboxImageTag(): Promise<string> {
  return SANDBOX_IMAGE;
}
