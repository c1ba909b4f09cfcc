// Which ports a sandbox's containers publish, read from the inner daemon with `docker inspect`
// (one JSON line per running container), and which of them the host can reach.

/** A TCP port published on the sandbox, and the container behind it. */
export interface SandboxPort {
  port: number;
  container: string;
}

/** Go template for `docker inspect --format`: one JSON object per container. */
export const INSPECT_FORMAT =
  '{"name":{{json .Name}},"running":{{json .State.Running}},"ports":{{json .NetworkSettings.Ports}}}';

/**
 * Lists the running containers' published ports. Exits 3 when the daemon does not answer
 * `docker ps`, so "no containers" and "no answer" are never confused; a container removed
 * between `ps` and `inspect` only makes inspect complain about that one.
 */
export const LIST_PORTS_SCRIPT =
  `ids=$(docker ps -q) || exit 3; [ -z "$ids" ] && exit 0; ` +
  `docker inspect --format '${INSPECT_FORMAT}' $ids; exit 0`;

/** Exit code of LIST_PORTS_SCRIPT when the inner daemon did not answer. */
export const DAEMON_DOWN_EXIT = 3;

interface Binding {
  HostIp?: string;
  HostPort?: string;
}

/** Bindings the host reaches on the sandbox's address: all interfaces, not 127.0.0.1 only. */
function reachable(binding: Binding, sandboxAddress: string | undefined): boolean {
  const ip = binding.HostIp ?? '';
  return (
    ip === '' || ip === '0.0.0.0' || ip === '::' || (sandboxAddress !== undefined && ip === sandboxAddress)
  );
}

/**
 * Parses LIST_PORTS_SCRIPT's output into the published TCP ports, one entry per port (the
 * IPv4 and IPv6 bindings of one port are one entry), ordered by port. Lines that are not
 * JSON objects (a daemon's complaint) are skipped.
 */
export function parseInspectLines(output: string, sandboxAddress?: string): SandboxPort[] {
  const byPort = new Map<number, string>();
  for (const raw of output.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('{')) continue;
    let entry: { name?: unknown; running?: unknown; ports?: unknown };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      continue;
    }
    if (entry.running !== true || typeof entry.name !== 'string') continue;
    const container = entry.name.replace(/^\//, '');
    const ports = (entry.ports ?? {}) as Record<string, Binding[] | null>;
    if (typeof ports !== 'object') continue;
    for (const [spec, bindings] of Object.entries(ports)) {
      if (!spec.endsWith('/tcp') || !Array.isArray(bindings)) continue;
      for (const binding of bindings) {
        const port = Number(binding.HostPort);
        if (!Number.isInteger(port) || port < 1 || port > 65535) continue;
        if (!reachable(binding, sandboxAddress)) continue;
        if (!byPort.has(port)) byPort.set(port, container);
      }
    }
  }
  return [...byPort.entries()].sort(([a], [b]) => a - b).map(([port, container]) => ({ port, container }));
}

/** Container events after which the published ports may differ. */
const PORT_ACTIONS = new Set(['start', 'die', 'destroy', 'rename', 'unpause', 'pause', 'restart']);

export function changesPorts(event: { Type: string; Action: string }): boolean {
  return event.Type === 'container' && PORT_ACTIONS.has(event.Action);
}

export function samePorts(a: readonly SandboxPort[], b: readonly SandboxPort[]): boolean {
  return a.length === b.length && a.every((p, i) => p.port === b[i]!.port && p.container === b[i]!.container);
}
