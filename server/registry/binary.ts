// Finds Debian's Distribution registry (package docker-registry). When it is not installed, the
// package is downloaded and unpacked into the state dir instead of installed: installing it
// would also enable its own service, which listens on port 5000, the mirror's port.
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { commandSearchPath } from '../config.js';
import { runCommand } from '../images/run.js';

const PACKAGE = 'docker-registry';

function onPath(name: string): string | undefined {
  for (const dir of commandSearchPath()) {
    const candidate = path.join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

export async function registryBinary(stateDir: string, onProgress: (line: string) => void): Promise<string> {
  const installed = onPath(PACKAGE);
  if (installed) return installed;

  const dir = path.join(stateDir, 'cache', PACKAGE);
  const bin = path.join(dir, 'root', 'usr', 'bin', PACKAGE);
  if (existsSync(bin)) return bin;

  onProgress(`mirror: fetching Debian's ${PACKAGE} package`);
  await mkdir(dir, { recursive: true });
  const download = () =>
    runCommand(
      'apt-get',
      ['download', '-qq', '-o', `APT::Sandbox::User=${os.userInfo().username}`, PACKAGE],
      {
        cwd: dir,
      },
    );
  let res = await download();
  if (res.code !== 0) {
    // A fresh machine may have no package lists yet.
    onProgress('mirror: refreshing the package lists (apt-get update)');
    const update = await runCommand('apt-get', ['update', '-qq']);
    if (update.code !== 0) throw new Error(`apt-get update failed:\n${update.lastLines.join('\n')}`);
    res = await download();
  }
  const deb = (await readdir(dir))
    .filter((f) => f.startsWith(`${PACKAGE}_`) && f.endsWith('.deb'))
    .sort()
    .pop();
  if (res.code !== 0 || !deb) {
    throw new Error(`could not download ${PACKAGE} with apt-get:\n${res.lastLines.join('\n')}`);
  }
  await rm(path.join(dir, 'root'), { recursive: true, force: true });
  const unpack = await runCommand('dpkg-deb', ['-x', path.join(dir, deb), path.join(dir, 'root')]);
  if (unpack.code !== 0 || !existsSync(bin)) {
    throw new Error(`could not unpack ${deb}:\n${unpack.lastLines.join('\n')}`);
  }
  return bin;
}
