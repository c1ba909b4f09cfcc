// The validator: declarative checks (common/checks.ts) answered by a sandbox's own Docker daemon.
import type Docker from 'dockerode';
import { sandboxEvents } from './events.js';
import { DockerSandboxShell } from './shell.js';
import { watchStep, type StepWatcher, type StepWatcherOptions } from './watcher.js';

export { runCheck } from './run-check.js';
export { runChecks } from './run-checks.js';
export { sandboxEvents, type EventSubscription, type SubscribeEvents } from './events.js';
export type { DockerEvent } from './event-lines.js';
export { DockerSandboxShell, SandboxUnavailableError, type SandboxShell, type ShellResult } from './shell.js';
export { watchStep, type StepWatcher, type StepWatcherOptions, type WatchUpdate } from './watcher.js';

/** Watches a step's checks in a sandbox container: its shell, its daemon's events. */
export function watchSandboxStep(
  container: Docker.Container,
  options: Omit<StepWatcherOptions, 'shell' | 'subscribe'>,
): Promise<StepWatcher> {
  return watchStep({
    ...options,
    shell: new DockerSandboxShell(container),
    subscribe: sandboxEvents(container),
  });
}
