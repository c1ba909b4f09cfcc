// What the host engine holds of the playground's images, found by their recipe-hash label.
import type Docker from 'dockerode';

export const HASH_LABEL = 'playground.recipe-hash';

export interface LabelledImage {
  id: string;
  hash: string;
  repoTags: string[];
  sizeBytes: number;
}

export async function listLabelledImages(docker: Docker): Promise<LabelledImage[]> {
  const images = await docker.listImages({ filters: { label: [HASH_LABEL] } });
  return images.map((img) => ({
    id: img.Id,
    hash: img.Labels?.[HASH_LABEL] ?? '',
    repoTags: (img.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
    sizeBytes: img.Size,
  }));
}

/** The image in `repo` built from exactly this hash, if the engine has one. */
export function findBuilt(images: LabelledImage[], repo: string, hash: string): LabelledImage | undefined {
  return images.find((img) => img.hash === hash && img.repoTags.some((t) => t.startsWith(`${repo}:`)));
}

/** Points repo:tag at the image (a no-op when it already does). */
export async function ensureTag(
  docker: Docker,
  image: LabelledImage,
  repo: string,
  tag: string,
): Promise<void> {
  if (image.repoTags.includes(`${repo}:${tag}`)) return;
  await docker.getImage(image.id).tag({ repo, tag });
  image.repoTags.push(`${repo}:${tag}`);
}

/**
 * Drops the hash tags of older builds in `repo` so stale images do not pile up (:latest has
 * already moved to the new build). An image a container still uses is left alone (the engine
 * refuses), which is what we want.
 */
export async function removeOldBuilds(
  docker: Docker,
  images: LabelledImage[],
  repo: string,
  keepHash: string,
) {
  for (const img of images) {
    if (img.hash === keepHash) continue;
    const refs = img.repoTags.filter((t) => t.startsWith(`${repo}:`) && t !== `${repo}:latest`);
    for (const ref of refs) {
      await docker
        .getImage(ref)
        .remove()
        .catch(() => undefined);
    }
  }
}
