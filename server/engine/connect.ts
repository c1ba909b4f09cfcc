// Finds the Docker engine to use: DOCKER_HOST (Config.dockerHost) if set, else the default local socket.
import Docker from 'dockerode';

export interface EngineEndpoint {
  docker: Docker;
  /** Human description, for messages: "unix:///var/run/docker.sock". */
  address: string;
  /** True when the engine runs on this machine (its cgroup files are ours to delegate). */
  local: boolean;
}

export const DEFAULT_SOCKET = '/var/run/docker.sock';

export function engineEndpoint(dockerHost: string | undefined): EngineEndpoint {
  if (!dockerHost || dockerHost.startsWith('unix://')) {
    const socketPath = dockerHost ? dockerHost.slice('unix://'.length) : DEFAULT_SOCKET;
    return { docker: new Docker({ socketPath }), address: `unix://${socketPath}`, local: true };
  }
  // docker-modem understands DOCKER_HOST (tcp://, with DOCKER_TLS_VERIFY / DOCKER_CERT_PATH).
  return { docker: new Docker(), address: dockerHost, local: false };
}

/** Resolves with the engine's version, or null when it does not answer within timeoutMs. */
export async function pingEngine(docker: Docker, timeoutMs = 3000): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    const version = docker.version().then(
      (v) => v.Version,
      () => null,
    );
    return await Promise.race([version, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
