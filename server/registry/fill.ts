// Fills the mirror's storage with the lesson images under the names learners type. Pushes go
// to a temporary writable registry on loopback that shares the storage (the host engine treats
// 127.0.0.0/8 registries as insecure, so no engine configuration is needed); the mirror itself
// stays read-only. What was pushed is recorded, so unchanged images are not pushed again.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type Docker from 'dockerode';
import { mirrorRefs, type ImageSpec } from '../images/catalog.js';
import { runCommand } from '../images/run.js';
import { registryConfig } from './config.js';
import { freeLoopbackPort, startRegistry, stopPid } from './process.js';

export interface Push {
  /** repo:tag in the mirror, e.g. library/redis:latest. */
  ref: string;
  /** Local image providing it, e.g. playground/lesson-redis:latest. */
  source: string;
  imageId: string;
}

type PushedRecord = Record<string, string>;

function tagLink(storageDir: string, ref: string): string {
  const [repo, tag] = splitRef(ref);
  return path.join(
    storageDir,
    'docker/registry/v2/repositories',
    repo,
    '_manifests/tags',
    tag,
    'current/link',
  );
}

function splitRef(ref: string): [string, string] {
  const at = ref.lastIndexOf(':');
  return [ref.slice(0, at), ref.slice(at + 1)];
}

async function readRecord(file: string): Promise<PushedRecord> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as PushedRecord;
  } catch {
    return {};
  }
}

/** The pushes the mirror lacks: refs never pushed, pushed from another image, or gone from storage. */
export async function pendingPushes(
  docker: Docker,
  catalog: readonly ImageSpec[],
  storageDir: string,
  recordFile: string,
): Promise<Push[]> {
  const record = await readRecord(recordFile);
  const pushes: Push[] = [];
  for (const { ref, spec } of mirrorRefs(catalog)) {
    const source = `${spec.localRepo}:latest`;
    const info = await docker
      .getImage(source)
      .inspect()
      .catch(() => null);
    if (!info) {
      throw new Error(
        `the mirror needs ${source} for ${ref}, but the engine has no such image; run ensureImages first`,
      );
    }
    if (record[ref] === info.Id && existsSync(tagLink(storageDir, ref))) continue;
    pushes.push({ ref, source, imageId: info.Id });
  }
  return pushes;
}

export interface FillOptions {
  bin: string;
  stateDir: string;
  storageDir: string;
  recordFile: string;
  pushes: Push[];
  onProgress: (line: string) => void;
}

export async function pushAll(o: FillOptions): Promise<void> {
  const port = await freeLoopbackPort();
  const configFile = path.join(o.stateDir, 'registry-push.yml');
  const logFile = path.join(o.stateDir, 'registry-push.log');
  await writeFile(
    configFile,
    registryConfig({ storageDir: o.storageDir, addr: `127.0.0.1:${port}`, readOnly: false }),
  );
  await writeFile(logFile, ''); // the log of the latest fill is the one worth reading
  const pid = await startRegistry({
    bin: o.bin,
    configFile,
    logFile,
    host: '127.0.0.1',
    port,
    detached: false,
  });
  try {
    const record = await readRecord(o.recordFile);
    for (const push of o.pushes) {
      const started = Date.now();
      const target = `127.0.0.1:${port}/${push.ref}`;
      await docker(['tag', push.imageId, target]);
      try {
        await docker(['push', target]);
      } finally {
        await docker(['rmi', target]).catch(() => undefined); // only drops the temporary name
      }
      record[push.ref] = push.imageId;
      await writeFile(o.recordFile, `${JSON.stringify(record, null, 2)}\n`);
      o.onProgress(
        `mirror: pushed ${push.ref} from ${push.source} in ${((Date.now() - started) / 1000).toFixed(1)}s`,
      );
    }
  } finally {
    await stopPid(pid);
  }
}

async function docker(args: string[]): Promise<void> {
  const res = await runCommand('docker', args, { timeoutMs: 10 * 60_000 });
  if (res.code !== 0) {
    throw new Error(
      `docker ${args.join(' ')} failed${res.timedOut ? ' (timed out)' : ''}:\n${res.lastLines.join('\n')}`,
    );
  }
}
