// A scenario's asset files (index.json `details.assets`, per host) as the lesson's `assets`:
// each file of the assets/ folder with the directory it is copied into and its chmod mode.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { FILE_MODE, type Asset } from '../../../common/lesson.js';
import { isInside } from './reader.js';
import type { ScenarioAsset } from './scenario.js';

/** Where Katacoda and Killercoda keep a scenario's asset files. */
export const ASSETS_DIR = 'assets';

/** Reports a problem at the value at `at` in index.json. */
type Fail = (message: string, at: readonly PropertyKey[]) => void;

/** What an import of the assets found besides the assets: files listed but not there. */
export interface ImportedAssets {
  assets: Asset[];
  /** Listed in index.json, absent from assets/ (Killercoda skips them too): file names. */
  missing: string[];
}

/** Most files one asset pattern may stand for. */
const MAX_PATTERN_FILES = 500;

/** "~/" -> "/root/", relative -> under /root; the directory an asset is copied into. */
export function assetTarget(target: string): string {
  let t = target.trim().replace(/^~(?=\/|$)/, '/root');
  if (!t.startsWith('/')) t = `/root/${t}`;
  return path.posix.normalize(t).replace(/(.)\/$/, '$1');
}

/** The assets of the one host a scenario gets here ("host01", or "client" on Katacoda). */
export async function importAssets(
  folder: string,
  byHost: Record<string, ScenarioAsset[]>,
  fail: Fail,
  warn: Fail,
): Promise<ImportedAssets> {
  const result: ImportedAssets = { assets: [], missing: [] };
  for (const [host, list] of Object.entries(byHost)) {
    if (host !== 'host01' && host !== 'client') {
      fail(`assets for "${host}": a scenario gets one host here (host01)`, ['details', 'assets', host]);
      continue;
    }
    for (const [i, asset] of list.entries()) {
      const at = ['details', 'assets', host, i];
      const files = await assetFiles(folder, asset.file);
      if (!files.length) {
        result.missing.push(asset.file);
        warn(`asset "${asset.file}" is listed but not in ${ASSETS_DIR}/; skipped`, at);
      }
      for (const name of files) {
        const imported = await importAsset(folder, { ...asset, file: name }, (m) => fail(m, at));
        if (imported) result.assets.push(imported);
      }
    }
  }
  return result;
}

/**
 * The files of assets/ an entry names: itself when it exists, or every file a pattern such as
 * `*` or `*.sh` matches (in assets/ itself, not below), sorted.
 */
async function assetFiles(folder: string, name: string): Promise<string[]> {
  const dir = path.join(folder, ASSETS_DIR);
  if (!/[*?]/.test(name)) {
    const info = await stat(path.resolve(dir, name)).catch(() => null);
    return info ? [name] : [];
  }
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const pattern = globPattern(name);
  return entries
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => e.name)
    .sort()
    .slice(0, MAX_PATTERN_FILES);
}

/** A file-name glob (`*`, `?`; no slashes) as an anchored regular expression. */
export function globPattern(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

/** One asset, or null (with the reason) when it is not a single file of assets/ with a valid mode. */
async function importAsset(
  folder: string,
  asset: ScenarioAsset,
  fail: (message: string) => void,
): Promise<Asset | null> {
  const relative = path.posix.join(ASSETS_DIR, asset.file);
  const file = path.resolve(folder, relative);
  if (!isInside(path.join(folder, ASSETS_DIR), file)) {
    fail(`asset "${asset.file}" is outside the ${ASSETS_DIR}/ folder`);
    return null;
  }
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    fail(`asset "${asset.file}" is not a file in ${ASSETS_DIR}/`);
    return null;
  }
  const mode = asset.chmod?.trim();
  if (mode !== undefined && !FILE_MODE.test(mode)) {
    fail(`asset "${asset.file}": chmod "${asset.chmod}" is not a chmod mode such as +x or 755`);
    return null;
  }
  return { path: relative, target: assetTarget(asset.target), ...(mode ? { mode } : {}) };
}
