// What a Docker-in-Docker sandbox cannot give a scenario, said plainly: VM and Kubernetes
// backends, systemd, Katacoda's launch.sh, other machines, editors and dashboard tabs.
import type { Finding, Severity } from '../problems.js';

/** Backends whose scenarios only need a Linux shell with Docker: what a sandbox is. */
const SHELL_BACKENDS = new Set([
  'docker',
  'docker-direct',
  'ubuntu',
  'ubuntu-4gb',
  'ubuntu:2004',
  'ubuntu:1804',
  'ubuntu-2004',
  'ubuntu-1804',
  'bash',
  'git',
]);
const CLUSTER_BACKEND = /kube|minikube|k3s|k8s|openshift|okd|swarm|nomad|istio|cluster|\d+nodes?\b/i;

/** Problems with `backend.imageid`. */
export function checkBackend(imageid: string | undefined): Finding[] {
  if (imageid === undefined) return [];
  const id = imageid.trim().toLowerCase();
  if (SHELL_BACKENDS.has(id)) {
    return id.startsWith('ubuntu')
      ? [
          {
            message: `backend "${imageid}" is an Ubuntu VM; here it is a Debian sandbox with Docker and no systemd`,
            severity: 'warning',
          },
        ]
      : [];
  }
  if (backendHosts(id).length > 1) {
    return [
      {
        message: `backend "${imageid}": its two machines are two Docker hosts here, controlplane and node01, reaching each other with ssh (no Kubernetes)`,
        severity: 'warning',
      },
    ];
  }
  if (CLUSTER_BACKEND.test(id)) {
    return [
      {
        message: `backend "${imageid}" is a cluster or VM environment; a playground sandbox is one Docker host without systemd or Kubernetes`,
        severity: 'error',
      },
    ];
  }
  return [
    {
      message: `backend "${imageid}" is not known here; the sandbox is Debian with Docker only, so its tools may be missing`,
      severity: 'warning',
    },
  ];
}

interface ScriptRule {
  pattern: RegExp;
  message: string;
}

/** The rest of a `systemctl` command line that only touches the Docker daemon. */
const SYSTEMCTL_DOCKER = String.raw`(?:\s+-[-\w]+)*\s+(?:daemon-reload|(?:start|stop|restart|reload|status|is-active|is-enabled|enable|disable)(?:\s+-[-\w]+)*(?:\s+(?:docker|containerd)(?:\.service|\.socket)?)+)(?:\s+-[-\w]+)*\s*(?:$|[;&|)])`;

/** Commands that need what a sandbox lacks, with why. */
const RULES: ScriptRule[] = [
  // The sandbox's systemctl and service manage its Docker daemon (docker, containerd) only.
  {
    pattern: new RegExp(
      `\\bsystemctl\\b(?!${SYSTEMCTL_DOCKER})|\\bjournalctl\\b(?!.*\\s-u\\s*(?:docker|containerd)\\b)`,
    ),
    message: 'uses systemd (systemctl/journalctl) for a unit other than docker; a sandbox runs no systemd',
  },
  {
    pattern:
      /(?:^|[\s;&|(])service\s+(?!(?:docker|containerd)\s)[\w.@-]+\s+(?:start|stop|restart|reload|status)\b/,
    message: 'uses "service" for a service other than docker, which a sandbox does not run',
  },
  {
    pattern: /(?:^|[\s;&|(/])launch\.sh\b/,
    message: "runs launch.sh (Katacoda's wait for its cluster), which does not exist here",
  },
  {
    pattern: /\b(?:kubectl|kubeadm|minikube|k3s|helm)\b/,
    message: 'uses Kubernetes tools, which a sandbox does not have',
  },
];

/**
 * Problems of a script or of a command in the text. In a script (verify, background,
 * foreground) they are errors: the step cannot work. In the text, warnings: the learner will see it fail.
 */
export function checkScript(
  text: string,
  severity: Severity,
  hosts: readonly string[] = ['node1'],
): Finding[] {
  const findings: Finding[] = [];
  text.split('\n').forEach((line, i) => {
    const code = line.replace(/(^|\s)#.*$/, '');
    for (const rule of RULES) {
      if (rule.pattern.test(code)) findings.push({ line: i + 1, message: rule.message, severity });
    }
    const other = SSH_TO_MACHINE.exec(code)?.[1];
    if (other && !hosts.includes(other))
      findings.push({
        line: i + 1,
        message: `reaches the machine "${other}" over ssh, which this scenario does not have (its hosts: ${hosts.join(', ')})`,
        severity,
      });
  });
  return findings;
}

/** `ssh node01`, `ssh root@controlplane`: another of Killercoda's machines by its name. */
const SSH_TO_MACHINE = /\bssh\s+(?:-\S+\s+)*(?:\S+@)?(host0?[1-9]|node0?[1-9]|controlplane)\b/;

/**
 * The session hosts a backend's machines become: Killercoda's two-node backends
 * ("kubernetes-kubeadm-2nodes") have "controlplane" and "node01"; every other one machine.
 */
export function backendHosts(imageid: string | undefined): string[] {
  return /2nodes?$/i.test(imageid?.trim() ?? '') ? ['controlplane', 'node01'] : ['node1'];
}

/** Problems with `environment` and Killercoda's `interface`. */
export function checkEnvironment(
  environment: Record<string, unknown> | undefined,
  ui: Record<string, unknown> | undefined,
): Finding[] {
  const findings: Finding[] = [];
  const env = environment ?? {};
  const layout = typeof env.uilayout === 'string' ? env.uilayout : undefined;
  if (layout && /editor|iframe|ide/i.test(layout)) {
    findings.push({
      message: `uilayout "${layout}": the playground shows the text and terminals only (no editor or web view)`,
      severity: 'warning',
    });
  }
  if (env.showdashboard || Array.isArray(env.dashboards)) {
    findings.push({
      message:
        "dashboard tabs (showdashboard, dashboards) do not exist here; a port a container publishes opens from the playground's port list",
      severity: 'warning',
    });
  }
  if (env.showide || env.uieditorpath) {
    findings.push({ message: 'the editor (showide, uieditorpath) does not exist here', severity: 'warning' });
  }
  const layoutUi = ui && typeof ui.layout === 'string' ? ui.layout : undefined;
  if (layoutUi && layoutUi !== 'terminal') {
    findings.push({
      message: `interface layout "${layoutUi}": the playground shows the text and terminals only`,
      severity: 'warning',
    });
  }
  return findings;
}
