// Checks about one container: that it exists, runs, uses an image, has a variable, a link.
import type { CheckOf, CheckResult } from '../../../common/checks.js';
import { CheckError, containerName, imageId, inspectContainer, type ContainerInfo } from '../docker-query.js';
import { familiarName, imageMatches } from '../image-ref.js';
import type { SandboxShell } from '../shell.js';
import { fail, pass } from './result.js';

export function noContainerReason(name: string): string {
  return `No container named "${name}" yet. Create it with docker run --name ${name} ...`;
}

/** The container, or a CheckError saying it does not exist. */
export async function requireContainer(shell: SandboxShell, name: string): Promise<ContainerInfo> {
  const info = await inspectContainer(shell, name);
  if (!info) throw new CheckError(noContainerReason(name));
  return info;
}

/** "is not running (it exited with code 1)", or null when it runs. */
export function notRunningReason(info: ContainerInfo): string | null {
  const { State } = info;
  const name = containerName(info);
  if (State.Paused) return `Container "${name}" exists but is paused. Resume it with docker unpause ${name}.`;
  if (State.Restarting) {
    return `Container "${name}" keeps restarting (last exit code ${State.ExitCode}). See docker logs ${name}.`;
  }
  if (State.Running) return null;
  const how =
    State.Status === 'created' ? 'it was created but never started' : `it exited with code ${State.ExitCode}`;
  return `Container "${name}" exists but is not running (${how}). See docker logs ${name}, or start it with docker start ${name}.`;
}

export async function containerExists(
  shell: SandboxShell,
  c: CheckOf<'container_exists'>,
): Promise<CheckResult> {
  const info = await requireContainer(shell, c.container);
  return pass(`Container "${containerName(info)}" exists (${info.State.Status}).`);
}

export async function containerRunning(
  shell: SandboxShell,
  c: CheckOf<'container_running'>,
): Promise<CheckResult> {
  const info = await requireContainer(shell, c.container);
  const problem = notRunningReason(info);
  return problem ? fail(problem) : pass(`Container "${containerName(info)}" is running.`);
}

export async function containerUsesImage(
  shell: SandboxShell,
  c: CheckOf<'container_uses_image'>,
): Promise<CheckResult> {
  const info = await requireContainer(shell, c.container);
  const name = containerName(info);
  const used = info.Config.Image;
  if (imageMatches(c.image, used)) return pass(`Container "${name}" runs ${familiarName(used)}.`);
  // Started from another name (a tag, an ID) of the very same image.
  const wantedId = await imageId(shell, c.image);
  if (wantedId && wantedId === info.Image) return pass(`Container "${name}" runs ${c.image} (as ${used}).`);
  return fail(
    `Container "${name}" runs the image ${familiarName(used)}, not ${c.image}. ` +
      `Remove it (docker rm -f ${name}) and run it again from ${c.image}.`,
  );
}

const show = (value: string) => JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);

export async function containerEnv(shell: SandboxShell, c: CheckOf<'container_env'>): Promise<CheckResult> {
  const info = await requireContainer(shell, c.container);
  const name = containerName(info);
  const entry = (info.Config.Env ?? []).find((e) => e.startsWith(`${c.name}=`));
  if (entry === undefined) {
    return fail(
      `Container "${name}" has no variable ${c.name}. Variables are set when a container is created: ` +
        `docker run -e ${c.name}=... --name ${name} ...`,
    );
  }
  const value = entry.slice(c.name.length + 1);
  if (c.value !== undefined && value !== c.value) {
    return fail(`Container "${name}" has ${c.name}=${show(value)}, not ${show(c.value)}.`);
  }
  if (c.matches !== undefined && !new RegExp(c.matches).test(value)) {
    return fail(`Container "${name}" has ${c.name}=${show(value)}, which is not what this step asks for.`);
  }
  return pass(`Container "${name}" has ${c.name}=${show(value)}.`);
}

/** "/redis-server:/counter/redis" (and the plain "redis-server:redis" of newer engines). */
export function parseLink(link: string): { target: string; alias: string } {
  const [target = '', alias = ''] = link.split(':');
  return { target: target.replace(/^\//, ''), alias: alias.split('/').pop() ?? '' };
}

export async function containerLink(shell: SandboxShell, c: CheckOf<'container_link'>): Promise<CheckResult> {
  const info = await requireContainer(shell, c.container);
  const name = containerName(info);
  const links = (info.HostConfig.Links ?? []).map(parseLink);
  const hint = `Links are made when a container is created: docker run --link ${c.target}:${c.alias} --name ${name} ...`;
  if (links.length === 0) return fail(`Container "${name}" has no links. ${hint}`);
  const toTarget = links.filter((l) => l.target === c.target);
  if (toTarget.some((l) => l.alias === c.alias)) {
    return pass(`Container "${name}" reaches "${c.target}" by the name ${c.alias}.`);
  }
  if (toTarget.length > 0) {
    const aliases = toTarget.map((l) => `"${l.alias}"`).join(', ');
    return fail(`Container "${name}" is linked to "${c.target}" as ${aliases}, not as "${c.alias}". ${hint}`);
  }
  const others = links.map((l) => `"${l.target}"`).join(', ');
  return fail(`Container "${name}" is linked to ${others} but not to "${c.target}". ${hint}`);
}
