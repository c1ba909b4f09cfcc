// Copies a lesson's asset files into a sandbox when its session starts: one tar per target
// directory through Docker's archive endpoint, the directory made first, then each chmod.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type Docker from 'dockerode';
import type { Asset, Lesson } from '../../common/lesson.js';
import { execCapture } from '../engine/exec.js';
import { shellQuote } from '../validation/shell.js';
import { tarArchive } from './tar.js';

export class AssetCopyError extends Error {
  override name = 'AssetCopyError';
}

/** Where an asset lands in the sandbox. */
export function assetDestination(asset: Asset): string {
  return path.posix.join(asset.target, path.posix.basename(asset.path));
}

async function run(container: Docker.Container, script: string, what: string): Promise<void> {
  const { exitCode, output } = await execCapture(container, ['sh', '-c', script]);
  if (exitCode !== 0) throw new AssetCopyError(`${what}: ${output.trim() || `exit status ${exitCode}`}`);
}

/**
 * Copies every asset of `lesson` from `lessonDir` into the sandbox `container`. Resolves when
 * all are in place; rejects with an AssetCopyError naming the file that could not be copied.
 */
export async function copyAssets(
  container: Docker.Container,
  lesson: Lesson,
  lessonDir: string,
): Promise<void> {
  const byTarget = new Map<string, Asset[]>();
  for (const asset of lesson.assets ?? [])
    byTarget.set(asset.target, [...(byTarget.get(asset.target) ?? []), asset]);
  for (const [target, assets] of byTarget) {
    const files = await Promise.all(
      assets.map(async (asset) => {
        const source = path.resolve(lessonDir, asset.path);
        const data = await readFile(source).catch((err: unknown) => {
          throw new AssetCopyError(`cannot read the asset ${asset.path}: ${(err as Error).message}`);
        });
        return { name: path.posix.basename(asset.path), data };
      }),
    );
    await run(container, `mkdir -p ${shellQuote(target)}`, `cannot make ${target} in the sandbox`);
    await container.putArchive(tarArchive(files), { path: target }).catch((err: unknown) => {
      throw new AssetCopyError(`cannot copy assets into ${target}: ${(err as Error).message}`);
    });
    const modes = assets
      .filter((a) => a.mode)
      .map((a) => `chmod ${shellQuote(a.mode ?? '')} ${shellQuote(assetDestination(a))}`);
    if (modes.length) await run(container, modes.join(' && '), `cannot chmod assets in ${target}`);
  }
}
