// Asks the sandbox's Docker daemon about one object with the docker CLI and reads the JSON.
// A missing object is an answer (null); a daemon that does not answer is a CheckError.
import { message, type Message } from '../../common/messages.js';
import { LearnerMessageError } from '../errors.js';
import { shellQuote as q, type SandboxShell, type ShellResult } from './shell.js';

/** A failure whose message is already the reason a learner should see. */
export class CheckError extends LearnerMessageError {
  override name = 'CheckError';
}

/** Time one docker CLI query may take (a busy daemon can be slow, a hung one must not hang us). */
export const QUERY_TIMEOUT_MS = 10_000;

export interface ContainerInfo {
  Id: string;
  /** With a leading slash: "/redis". */
  Name: string;
  /** ID of the image ("sha256:..."). */
  Image: string;
  State: {
    Status: string;
    Running: boolean;
    Paused: boolean;
    Restarting: boolean;
    ExitCode: number;
    Pid: number;
  };
  Config: { Image: string; Env: string[] | null };
  HostConfig: {
    Links: string[] | null;
    PortBindings: Record<string, PortBinding[] | null> | null;
  };
  NetworkSettings: {
    Ports: Record<string, PortBinding[] | null> | null;
    Networks: Record<string, EndpointInfo> | null;
  };
  Mounts: MountInfo[] | null;
}

export interface PortBinding {
  HostIp: string;
  HostPort: string;
}

export interface EndpointInfo {
  NetworkID: string;
  IPAddress: string;
  Aliases: string[] | null;
  /** Newer engines list every name the endpoint answers to here. */
  DNSNames?: string[] | null;
}

export interface MountInfo {
  Type: string;
  Name?: string;
  Source: string;
  Destination: string;
}

export interface NetworkInfo {
  Name: string;
  Id: string;
  Driver: string;
  /** Running containers attached, by container ID. */
  Containers: Record<string, { Name: string; IPv4Address: string }> | null;
}

export interface VolumeInfo {
  Name: string;
  Driver: string;
  Mountpoint: string;
}

export interface ImageListEntry {
  Repository: string;
  Tag: string;
  ID: string;
  Digest?: string;
}

const NOT_FOUND = /no such (container|network|volume|image|object)|not found/i;

/** A reason for a docker CLI failure that is not "no such object". */
export function explainDockerFailure(result: ShellResult): Message {
  const output = result.output.trim();
  if (result.timedOut) return message('daemon-overdue', {});
  if (/cannot connect to the docker daemon|is the docker daemon running/i.test(output)) {
    return message('daemon-down', {});
  }
  if (result.exitCode === 127) return message('tool-missing', { detail: lastLine(output) });
  return message('docker-failed', { detail: lastLine(output) || `exit status ${result.exitCode}` });
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return (lines[lines.length - 1] ?? '').slice(0, 300);
}

/** Parses the one-JSON-document-per-line output of `--format '{{json .}}'`. */
export function jsonLines<T>(output: string): T[] {
  const values: T[] = [];
  for (const line of output.split('\n')) {
    const text = line.trim();
    if (!text.startsWith('{')) continue;
    try {
      values.push(JSON.parse(text) as T);
    } catch {
      // A line that is not ours (a warning from the CLI, say).
    }
  }
  return values;
}

async function inspect<T>(
  shell: SandboxShell,
  kind: 'container' | 'network' | 'volume' | 'image',
  name: string,
): Promise<T | null> {
  const result = await shell.run(`docker ${kind} inspect --format '{{json .}}' ${q(name)}`, QUERY_TIMEOUT_MS);
  if (result.exitCode === 0) {
    const [value] = jsonLines<T>(result.output);
    if (value) return value;
    throw new CheckError(message('docker-unreadable', { detail: lastLine(result.output) }));
  }
  if (!result.timedOut && NOT_FOUND.test(result.output)) return null;
  throw new CheckError(explainDockerFailure(result));
}

/** A full or long-enough abbreviated ID (names are matched exactly, never as prefixes). */
export function matchesId(id: string, wanted: string): boolean {
  const bare = id.replace(/^sha256:/, '');
  const want = wanted.replace(/^sha256:/, '');
  return want.length >= 12 && /^[0-9a-f]+$/.test(want) && bare.startsWith(want);
}

/** The container named `name` (or with that ID), or null. */
export async function inspectContainer(shell: SandboxShell, name: string): Promise<ContainerInfo | null> {
  const info = await inspect<ContainerInfo>(shell, 'container', name);
  // Docker also accepts a short ID prefix; a name that merely looks like one is not a match.
  if (info && info.Name.replace(/^\//, '') !== name && !matchesId(info.Id, name)) return null;
  return info;
}

export async function inspectNetwork(shell: SandboxShell, name: string): Promise<NetworkInfo | null> {
  const info = await inspect<NetworkInfo>(shell, 'network', name);
  if (info && info.Name !== name && !matchesId(info.Id, name)) return null;
  return info;
}

export async function inspectVolume(shell: SandboxShell, name: string): Promise<VolumeInfo | null> {
  return inspect<VolumeInfo>(shell, 'volume', name);
}

/** The ID of the image `ref` names, or null when there is no such image. */
export async function imageId(shell: SandboxShell, ref: string): Promise<string | null> {
  const info = await inspect<{ Id: string }>(shell, 'image', ref);
  return info?.Id ?? null;
}

/** Every image in the sandbox, tagged or not. */
export async function listImages(shell: SandboxShell): Promise<ImageListEntry[]> {
  const result = await shell.run(`docker image ls --no-trunc --format '{{json .}}'`, QUERY_TIMEOUT_MS);
  if (result.exitCode !== 0) throw new CheckError(explainDockerFailure(result));
  return jsonLines<ImageListEntry>(result.output);
}

/** Every running container, inspected. */
export async function runningContainers(shell: SandboxShell): Promise<ContainerInfo[]> {
  const script =
    `ids=$(docker container ls -q --no-trunc) || exit $?; ` +
    `[ -z "$ids" ] || exec docker container inspect --format '{{json .}}' $ids`;
  const result = await shell.run(script, QUERY_TIMEOUT_MS);
  // A container can vanish between the list and the inspect; what remains is still an answer.
  if (result.exitCode !== 0 && !NOT_FOUND.test(result.output)) {
    throw new CheckError(explainDockerFailure(result));
  }
  return jsonLines<ContainerInfo>(result.output);
}

/** "/redis" -> "redis". */
export function containerName(info: { Name: string }): string {
  return info.Name.replace(/^\//, '');
}
