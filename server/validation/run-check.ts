// Answers one check against a sandbox. Whatever goes wrong (a malformed check, a sandbox
// that died, a daemon that hangs), the answer is a failed result with a reason, never a throw.
import type { Message } from '../../common/messages.js';
import {
  parseCheck,
  type Check,
  type CheckInput,
  type CheckOf,
  type CheckResult,
  type CheckType,
} from '../../common/checks.js';
import { message } from '../../common/messages.js';
import { LearnerMessageError } from '../errors.js';
import { fail } from './checks/result.js';
import { pass } from './checks/result.js';
import type { SandboxShell } from './shell.js';
import { httpGet, script } from './checks/commands.js';
import {
  containerEnv,
  containerExists,
  containerLink,
  containerRunning,
  containerUsesImage,
} from './checks/containers.js';
import { containerOnNetwork, nameResolves, networkExists, portPublished } from './checks/networks.js';
import { fileContains, imagePresent, volumeExists, volumeMounted } from './checks/storage.js';

type Evaluators = { [T in CheckType]: (shell: SandboxShell, check: CheckOf<T>) => Promise<CheckResult> };

const evaluators: Evaluators = {
  network_exists: networkExists,
  container_exists: containerExists,
  container_running: containerRunning,
  container_uses_image: containerUsesImage,
  container_on_network: containerOnNetwork,
  name_resolves: nameResolves,
  port_published: portPublished,
  volume_exists: volumeExists,
  volume_mounted: volumeMounted,
  image_present: imagePresent,
  container_env: containerEnv,
  container_link: containerLink,
  http_get: httpGet,
  file_contains: fileContains,
  script,
  manual: async () => pass(message('manual-step', {})),
};

/** A backstop over the shell's own limits: how long any one check may take in all. */
function overallLimitMs(check: Check): number {
  return check.type === 'script' ? check.timeoutSeconds * 1000 + 10_000 : 45_000;
}

function evaluate<T extends CheckType>(shell: SandboxShell, check: CheckOf<T>): Promise<CheckResult> {
  return (evaluators[check.type] as (shell: SandboxShell, check: CheckOf<T>) => Promise<CheckResult>)(
    shell,
    check,
  );
}

/** Runs one check. Accepts unparsed input too: a malformed check fails with the reason. */
export async function runCheck(shell: SandboxShell, check: Check | CheckInput): Promise<CheckResult> {
  const parsed = parseCheck(check);
  if (!parsed.ok) return fail(message('check-malformed', { error: parsed.error }));
  const limit = overallLimitMs(parsed.check);
  let timer: NodeJS.Timeout | undefined;
  const overdue = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve(fail(message('check-overdue', {}))), limit);
  });
  try {
    return await Promise.race([evaluate(shell, parsed.check), overdue]);
  } catch (err) {
    return fail(explainFailure(err));
  } finally {
    clearTimeout(timer);
  }
}

/** Why a check threw: its own words for the learner, else what went wrong. */
export function explainFailure(err: unknown): Message {
  if (err instanceof LearnerMessageError) return err.detail;
  return message('check-could-not-run', { error: err instanceof Error ? err.message : String(err) });
}
