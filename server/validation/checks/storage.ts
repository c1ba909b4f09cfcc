// Checks about what is stored: volumes, mounts, images, and files' contents.
import type { CheckOf, CheckResult } from '../../../common/checks.js';
import {
  CheckError,
  QUERY_TIMEOUT_MS,
  containerName,
  explainDockerFailure,
  inspectVolume,
  listImages,
  matchesId,
} from '../docker-query.js';
import { imageMatches } from '../image-ref.js';
import { shellQuote as q, type SandboxShell } from '../shell.js';
import { requireContainer } from './containers.js';
import { fail, pass } from './result.js';

export async function volumeExists(shell: SandboxShell, c: CheckOf<'volume_exists'>): Promise<CheckResult> {
  const info = await inspectVolume(shell, c.volume);
  if (!info)
    return fail(`No volume named "${c.volume}" yet. Create it with docker volume create ${c.volume}.`);
  return pass(`Volume "${info.Name}" exists.`);
}

const trimSlash = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);

export async function volumeMounted(shell: SandboxShell, c: CheckOf<'volume_mounted'>): Promise<CheckResult> {
  const info = await requireContainer(shell, c.container);
  const name = containerName(info);
  const mounts = info.Mounts ?? [];
  const isBind = c.volume?.startsWith('/') ?? false;
  const sameSource = (m: (typeof mounts)[number]) =>
    c.volume === undefined ||
    (isBind ? m.Type === 'bind' && trimSlash(m.Source) === trimSlash(c.volume) : m.Name === c.volume);
  const sameDestination = (m: (typeof mounts)[number]) =>
    c.destination === undefined || trimSlash(m.Destination) === trimSlash(c.destination);
  const hit = mounts.find((m) => sameSource(m) && sameDestination(m));
  const what = c.volume ?? 'a volume';
  if (hit) return pass(`"${name}" has ${hit.Name ?? hit.Source} mounted at ${hit.Destination}.`);
  const hint = `Mounts are made when a container is created: docker run -v ${c.volume ?? '<volume>'}:${c.destination ?? '<path>'} ...`;
  if (mounts.length === 0) return fail(`"${name}" has nothing mounted. ${hint}`);
  const bySource = mounts.find(sameSource);
  if (bySource && c.destination) {
    return fail(`"${name}" has ${what} mounted at ${bySource.Destination}, not at ${c.destination}. ${hint}`);
  }
  const atDestination = mounts.find(sameDestination);
  if (atDestination && c.volume) {
    return fail(
      `"${name}" has ${atDestination.Name ?? atDestination.Source} mounted at ${atDestination.Destination}, not ${c.volume}. ${hint}`,
    );
  }
  const list = mounts.map((m) => `${m.Name ?? m.Source} at ${m.Destination}`).join(', ');
  return fail(
    `"${name}" does not have ${what} mounted${c.destination ? ` at ${c.destination}` : ''} (it has ${list}). ${hint}`,
  );
}

export async function imagePresent(shell: SandboxShell, c: CheckOf<'image_present'>): Promise<CheckResult> {
  const images = await listImages(shell);
  const hit = images.find(
    (i) =>
      (i.Repository !== '<none>' && imageMatches(c.image, `${i.Repository}:${i.Tag}`)) ||
      matchesId(i.ID, c.image),
  );
  if (hit) {
    const shown =
      hit.Repository === '<none>'
        ? hit.ID.replace(/^sha256:/, '').slice(0, 12)
        : `${hit.Repository}:${hit.Tag}`;
    return pass(`The image ${shown} is in the sandbox.`);
  }
  return fail(
    `The image ${c.image} is not in the sandbox yet. Get it with docker pull ${c.image} (or build it).`,
  );
}

/** Most bytes of a file read for a check. */
const MAX_FILE_BYTES = 1_000_000;

/**
 * Reads the file in the sandbox, or out of a container with `docker cp` (which works on
 * stopped containers and needs no tools inside them).
 */
function readFileScript(path: string, container: string | undefined): string {
  if (!container) {
    return (
      `if [ -f ${q(path)} ]; then exec head -c ${MAX_FILE_BYTES} ${q(path)}; ` +
      `elif [ -e ${q(path)} ]; then echo '@@not-a-file'; exit 3; else echo '@@missing'; exit 2; fi`
    );
  }
  return (
    `docker container inspect --format '{{.Id}}' ${q(container)} >/dev/null || exit 4; ` +
    `t=$(mktemp) || exit 1; trap 'rm -f "$t"' EXIT; ` +
    `if ! docker cp -L ${q(`${container}:${path}`)} - >"$t" 2>/dev/null; then echo '@@missing'; exit 2; fi; ` +
    `case "$(tar -tf "$t" | head -n 1)" in */) echo '@@not-a-file'; exit 3;; esac; ` +
    `tar -xOf "$t" | head -c ${MAX_FILE_BYTES}`
  );
}

export async function fileContains(shell: SandboxShell, c: CheckOf<'file_contains'>): Promise<CheckResult> {
  const where = c.container ? ` in the container "${c.container}"` : '';
  const result = await shell.run(readFileScript(c.path, c.container), QUERY_TIMEOUT_MS);
  if (result.exitCode === 4) {
    if (/no such container/i.test(result.output)) {
      return fail(`No container named "${c.container}" yet, so ${c.path} cannot be in it.`);
    }
    throw new CheckError(explainDockerFailure(result));
  }
  if (result.exitCode === 2 && result.output.includes('@@missing'))
    return fail(`There is no file ${c.path}${where} yet.`);
  if (result.exitCode === 3 && result.output.includes('@@not-a-file')) {
    return fail(`${c.path}${where} is not a file (a directory?).`);
  }
  if (result.exitCode !== 0) throw new CheckError(explainDockerFailure(result));
  if (result.output.includes(c.text)) return pass(`${c.path}${where} contains "${c.text}".`);
  return fail(`${c.path}${where} does not contain "${c.text}" yet.`);
}
