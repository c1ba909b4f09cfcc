// The recipe hash names one exact build: the recipe folder's files, the shared files it uses,
// facts about the machine it copies from, and the hashes of the images it builds on. An image
// labelled with the current hash is up to date; any change gives a new hash and a rebuild.
import { createHash, type Hash } from 'node:crypto';
import { readdir, readFile, readlink, lstat } from 'node:fs/promises';
import path from 'node:path';
import type { ImageSpec } from './catalog.js';

// Bump to rebuild everything after a change in how images are built or labelled.
const HASH_FORMAT = 'playground-images-v1';

const IGNORED = new Set(['node_modules', '.git', '.DS_Store']);

async function hashTree(root: string, rel: string, h: Hash): Promise<void> {
  const abs = path.join(root, rel);
  const st = await lstat(abs);
  if (st.isSymbolicLink()) {
    h.update(`link\0${rel}\0${await readlink(abs)}\0`);
  } else if (st.isDirectory()) {
    const names = (await readdir(abs)).filter((n) => !IGNORED.has(n)).sort();
    for (const name of names) await hashTree(root, path.posix.join(rel, name), h);
  } else if (st.isFile()) {
    const content = await readFile(abs);
    h.update(`file\0${rel}\0${content.length}\0`);
    h.update(content);
  }
}

export function recipeDir(spec: ImageSpec): string {
  return `images/${spec.name}`;
}

export async function recipeHash(
  spec: ImageSpec,
  root: string,
  dependencyHashes: ReadonlyMap<string, string>,
): Promise<string> {
  const h = createHash('sha256');
  h.update(`${HASH_FORMAT}\0${spec.name}\0${spec.localRepo}\0`);
  for (const rel of [recipeDir(spec), ...spec.inputs]) await hashTree(root, rel, h);
  for (const fact of spec.facts?.() ?? []) h.update(`fact\0${fact}\0`);
  for (const dep of spec.dependsOn) {
    const depHash = dependencyHashes.get(dep);
    if (!depHash) throw new Error(`image "${spec.name}" depends on "${dep}", which has no hash yet`);
    h.update(`dep\0${dep}\0${depHash}\0`);
  }
  return h.digest('hex');
}

/** The short form of a hash used in image tags. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}
