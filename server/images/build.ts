// Builds the catalog's images that the host engine lacks, one at a time, in catalog order (an
// image's dependencies come before it). An image is current when one labelled with its recipe
// hash exists; such images are only re-tagged, so a run with nothing changed takes a second.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Docker from 'dockerode';
import { childEnvironment } from '../config.js';
import { CATALOG, dependencyEnvName, type ImageSpec } from './catalog.js';
import {
  ensureTag,
  findBuilt,
  HASH_LABEL,
  listLabelledImages,
  removeOldBuilds,
  type LabelledImage,
} from './engine-images.js';
import { withLock } from './lock.js';
import { recipeDir, recipeHash, shortHash } from './recipe-hash.js';
import { runCommand } from './run.js';

export const PLAYGROUND_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// The sandbox recipe runs debootstrap; on a slow mirror that can take many minutes.
const BUILD_TIMEOUT_MS = 30 * 60_000;

export interface ImageResult {
  name: string;
  status: 'cached' | 'built' | 'skipped';
  /** The image's tag for this exact recipe, e.g. playground/lesson-redis:1a2b3c4d5e6f. */
  tag?: string;
  /** Its moving tag, repo:latest. */
  latestTag?: string;
  hash?: string;
  seconds: number;
  sizeBytes?: number;
  /** Why a skipped image was skipped. */
  reason?: string;
}

export interface ImageBuildReport {
  images: ImageResult[];
  seconds: number;
}

export class ImageBuildError extends Error {
  constructor(
    readonly image: string,
    readonly lastLines: string[],
    readonly logFile: string,
    detail: string,
  ) {
    super(
      `image "${image}" failed to build: ${detail}. Last lines of its output ` +
        `(full log: ${logFile}):\n${lastLines.map((l) => `  ${l}`).join('\n')}`,
    );
    this.name = 'ImageBuildError';
  }
}

export interface EnsureImagesOptions {
  stateDir: string;
  onProgress: (line: string) => void;
  /** Only these images and what they depend on (default: the whole catalog). */
  only?: string[];
  /** Pass each line of the recipes' output to onProgress (default true). */
  verbose?: boolean;
  /** The engine the images are built on and labelled in. */
  docker: Docker;
  root?: string;
  catalog?: readonly ImageSpec[];
}

function selected(catalog: readonly ImageSpec[], only: string[] | undefined): ImageSpec[] {
  if (!only) return [...catalog];
  const wanted = new Set<string>();
  const add = (name: string) => {
    const spec = catalog.find((s) => s.name === name);
    if (!spec) throw new Error(`no image named "${name}" in the catalog`);
    wanted.add(name);
    spec.dependsOn.forEach(add);
  };
  only.forEach(add);
  return catalog.filter((s) => wanted.has(s.name));
}

const seconds = (since: number) => Math.round((Date.now() - since) / 100) / 10;

export async function ensureImages(opts: EnsureImagesOptions): Promise<ImageBuildReport> {
  const lockFile = path.join(opts.stateDir, 'images.lock');
  return withLock(lockFile, () => ensureImagesLocked(opts), {
    onWait: (pid) => opts.onProgress(`images: waiting for process ${pid}, which is building images`),
  });
}

async function ensureImagesLocked(opts: EnsureImagesOptions): Promise<ImageBuildReport> {
  const started = Date.now();
  const root = opts.root ?? PLAYGROUND_ROOT;
  const catalog = opts.catalog ?? CATALOG;
  const { docker } = opts;
  const progress = opts.onProgress;
  const labelled = await listLabelledImages(docker);
  const hashes = new Map<string, string>();
  const tags = new Map<string, string>();
  const results: ImageResult[] = [];

  for (const spec of selected(catalog, opts.only)) {
    const t0 = Date.now();
    if (!existsSync(path.join(root, recipeDir(spec), 'build.sh'))) {
      if (!spec.optional)
        throw new Error(`image "${spec.name}" has no recipe at ${recipeDir(spec)}/build.sh`);
      const reason = `no recipe at ${recipeDir(spec)}/build.sh`;
      progress(`images: warning: skipping ${spec.name}: ${reason}`);
      results.push({ name: spec.name, status: 'skipped', seconds: 0, reason });
      continue;
    }
    for (const dep of spec.dependsOn) {
      if (!tags.has(dep)) throw new Error(`image "${spec.name}" needs "${dep}", which was not built`);
    }
    const hash = await recipeHash(spec, root, hashes);
    const tag = `${spec.localRepo}:${shortHash(hash)}`;
    let image = findBuilt(labelled, spec.localRepo, hash);
    const status = image ? 'cached' : 'built';
    if (!image) {
      image = await build(spec, hash, tag, { ...opts, root, docker, tags });
      labelled.push(image);
      await removeOldBuilds(docker, labelled, spec.localRepo, hash);
    }
    await ensureTag(docker, image, spec.localRepo, shortHash(hash));
    await ensureTag(docker, image, spec.localRepo, 'latest');
    hashes.set(spec.name, hash);
    tags.set(spec.name, tag);
    const result: ImageResult = {
      name: spec.name,
      status,
      tag,
      latestTag: `${spec.localRepo}:latest`,
      hash,
      seconds: seconds(t0),
      sizeBytes: image.sizeBytes,
    };
    results.push(result);
    progress(
      status === 'cached'
        ? `images: ${spec.name} is up to date (${tag})`
        : `images: built ${spec.name} in ${result.seconds}s (${tag}, ${formatSize(image.sizeBytes)})`,
    );
  }
  return { images: results, seconds: seconds(started) };
}

async function build(
  spec: ImageSpec,
  hash: string,
  tag: string,
  ctx: EnsureImagesOptions & { root: string; docker: Docker; tags: Map<string, string> },
): Promise<LabelledImage> {
  const cacheDir = path.join(ctx.stateDir, 'cache', 'images', spec.name);
  const logDir = path.join(ctx.stateDir, 'logs', 'images');
  const logFile = path.join(logDir, `${spec.name}.log`);
  await mkdir(cacheDir, { recursive: true });
  await mkdir(logDir, { recursive: true });
  await writeFile(logFile, `# ${new Date().toISOString()} building ${tag}\n`);
  ctx.onProgress(`images: building ${spec.name} (${recipeDir(spec)})`);

  const env = childEnvironment({
    IMAGE_TAG: tag,
    CACHE_DIR: cacheDir,
    PLAYGROUND_ROOT: ctx.root,
    NODE_BINARY: process.execPath,
    DEBIAN_FRONTEND: 'noninteractive',
  });
  for (const dep of spec.dependsOn) env[dependencyEnvName(dep)] = ctx.tags.get(dep);

  const verbose = ctx.verbose ?? true;
  const run = await runCommand('bash', [path.join(ctx.root, recipeDir(spec), 'build.sh')], {
    cwd: ctx.root,
    env,
    logFile,
    timeoutMs: BUILD_TIMEOUT_MS,
    onLine: verbose ? (line) => ctx.onProgress(`  ${spec.name}: ${line}`) : undefined,
  });
  if (run.timedOut) {
    throw new ImageBuildError(
      spec.name,
      run.lastLines,
      logFile,
      `stopped after ${BUILD_TIMEOUT_MS / 60_000} min`,
    );
  }
  if (run.code !== 0)
    throw new ImageBuildError(spec.name, run.lastLines, logFile, `build.sh exited with ${run.code}`);

  // The label goes on with a metadata-only build (no layer, no pull), so recipes need not
  // know about it. The classic builder uses the local image; BuildKit would need buildx.
  const label = await runCommand(
    'docker',
    ['build', '-q', '--label', `${HASH_LABEL}=${hash}`, '-t', tag, '-t', `${spec.localRepo}:latest`, '-'],
    { input: `FROM ${tag}\n`, env: childEnvironment({ DOCKER_BUILDKIT: '0' }), logFile },
  );
  if (label.code !== 0) {
    const detail = `build.sh succeeded but labelling ${tag} failed (did the recipe create that tag?)`;
    throw new ImageBuildError(spec.name, label.lastLines, logFile, detail);
  }
  const built = findBuilt(await listLabelledImages(ctx.docker), spec.localRepo, hash);
  if (!built)
    throw new ImageBuildError(spec.name, label.lastLines, logFile, `${tag} is missing after the build`);
  return built;
}

export function formatSize(bytes: number | undefined): string {
  if (bytes === undefined) return '?';
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
