// Declarative lesson checks, shared by the browser and the server. A step of a lesson lists
// checks; the server answers each one by asking the learner's sandbox (its Docker daemon,
// its shell) and returns a CheckResult. No Node imports here: the page imports this file.
import { z } from 'zod';
import type { Message } from './messages.js';

/** Longest script output (characters, from the end) a failed `script` check shows. */
export const SCRIPT_REASON_CHARS = 500;
export const SCRIPT_TIMEOUT_DEFAULT_SECONDS = 10;
export const SCRIPT_TIMEOUT_MAX_SECONDS = 60;

/** Names of containers, networks and volumes as Docker accepts them (or an ID). */
const objectName = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} must not be empty`)
    .max(128)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, `${what} may only hold letters, digits, "_", "." and "-"`);

/** An image reference as a learner types it: `redis`, `postgres:9.4`, `docker.io/library/redis`. */
const imageRef = z
  .string()
  .trim()
  .min(1, 'image must not be empty')
  .max(255)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/, 'image must be an image reference such as redis or postgres:9.4');

const hostName = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/, 'must be a host name such as localhost or docker');

const port = z.number().int().min(1).max(65535);

const absolutePath = z
  .string()
  .min(2)
  .max(4096)
  .regex(/^\/[^\0\n]*$/, 'path must be absolute (start with "/")');

/** What the learner sees for this check; a default is derived when absent. */
const base = { description: z.string().trim().min(1).max(300).optional() };

const check = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), ...base, ...shape });

const isRegExp = (source: string) => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
};

export const NetworkExistsCheck = check('network_exists', { network: objectName('network') });

export const ContainerExistsCheck = check('container_exists', { container: objectName('container') });

export const ContainerRunningCheck = check('container_running', { container: objectName('container') });

/** `image` as typed: `redis` matches a container of `redis:latest`, `redis:7` or `docker.io/library/redis`. */
export const ContainerUsesImageCheck = check('container_uses_image', {
  container: objectName('container'),
  image: imageRef,
});

export const ContainerOnNetworkCheck = check('container_on_network', {
  container: objectName('container'),
  network: objectName('network'),
  alias: objectName('alias').optional(),
});

/** From a container on `network`, `name` resolves to the address `container` has on that network. */
export const NameResolvesCheck = check('name_resolves', {
  network: objectName('network'),
  name: hostName,
  container: objectName('container'),
});

/** `port` is a host port of the sandbox; with `container`, that container must publish it. */
export const PortPublishedCheck = check('port_published', {
  container: objectName('container').optional(),
  port,
});

export const VolumeExistsCheck = check('volume_exists', { volume: objectName('volume') });

/** A named volume (or a bind-mounted sandbox path starting with "/") and/or a destination. */
export const VolumeMountedCheck = check('volume_mounted', {
  container: objectName('container'),
  volume: z.union([objectName('volume'), absolutePath]).optional(),
  destination: absolutePath.optional(),
});

/** `image` without a tag matches any tag of that repository. */
export const ImagePresentCheck = check('image_present', { image: imageRef });

/** Without `value` or `matches` the variable only has to be set. `matches` is a RegExp source. */
export const ContainerEnvCheck = check('container_env', {
  container: objectName('container'),
  name: z
    .string()
    .min(1)
    .max(256)
    .regex(/^[^=\0]+$/, 'name must not contain "="'),
  value: z.string().max(4096).optional(),
  matches: z
    .string()
    .min(1)
    .max(1000)
    .refine(isRegExp, 'matches must be a valid regular expression')
    .optional(),
}).refine((c) => c.value === undefined || c.matches === undefined, {
  message: 'give value or matches, not both',
});

/** A legacy link: `docker run --link target:alias ... container`. */
export const ContainerLinkCheck = check('container_link', {
  container: objectName('container'),
  target: objectName('target'),
  alias: objectName('alias'),
});

/** An HTTP GET from inside the sandbox whose body must contain `contains`. */
export const HttpGetCheck = check('http_get', {
  port,
  path: z
    .string()
    .max(2000)
    .regex(/^\/\S*$/, 'path must start with "/" and hold no spaces')
    .default('/'),
  host: hostName.default('localhost'),
  contains: z.string().min(1).max(1000),
});

/** A file in the sandbox, or inside `container` (running or stopped), holds `text`. */
export const FileContainsCheck = check('file_contains', {
  path: absolutePath,
  text: z.string().min(1).max(1000),
  container: objectName('container').optional(),
});

/** A shell script run in the sandbox; exit 0 passes, otherwise the end of its output is the reason. */
export const ScriptCheck = check('script', {
  run: z.string().min(1).max(20_000),
  timeoutSeconds: z
    .number()
    .positive()
    .max(SCRIPT_TIMEOUT_MAX_SECONDS, `timeoutSeconds may be at most ${SCRIPT_TIMEOUT_MAX_SECONDS}`)
    .default(SCRIPT_TIMEOUT_DEFAULT_SECONDS),
});

/**
 * Nothing to ask the sandbox: passes whenever it is checked. For a step that only explains
 * (an imported scenario's step without a verify script): it is done once the learner reaches it.
 */
export const ManualCheck = check('manual', {});

export const CheckSchema = z.discriminatedUnion('type', [
  NetworkExistsCheck,
  ContainerExistsCheck,
  ContainerRunningCheck,
  ContainerUsesImageCheck,
  ContainerOnNetworkCheck,
  NameResolvesCheck,
  PortPublishedCheck,
  VolumeExistsCheck,
  VolumeMountedCheck,
  ImagePresentCheck,
  ContainerEnvCheck,
  ContainerLinkCheck,
  HttpGetCheck,
  FileContainsCheck,
  ScriptCheck,
  ManualCheck,
]);

/** A check after parsing (defaults filled in). */
export type Check = z.output<typeof CheckSchema>;
/** A check as a lesson file writes it (defaults may be left out). */
export type CheckInput = z.input<typeof CheckSchema>;
export type CheckType = Check['type'];
export type CheckOf<T extends CheckType> = Extract<Check, { type: T }>;

export const CHECK_TYPES = CheckSchema.options.map((o) => o.shape.type.value) as readonly CheckType[];

/**
 * The answer to one check: `reason` says, in English, why it passed or what is missing;
 * `message` is the same as a code and parameters, for the page to say in its own language.
 */
export type CheckResult = { ok: boolean; reason: string; message?: Message };

/** The answer to a step: one result per check, in the step's order. */
export type StepResult = { passed: boolean; results: CheckResult[] };

/** Parses a check, with a one-paragraph error a lesson author can act on. */
export function parseCheck(value: unknown): { ok: true; check: Check } | { ok: false; error: string } {
  const parsed = CheckSchema.safeParse(value);
  if (parsed.success) return { ok: true, check: parsed.data };
  const error = parsed.error.issues
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
  return { ok: false, error };
}

/** A short sentence naming what the check wants, for a check without a description. */
export function describeCheck(c: Check): string {
  if (c.description) return c.description;
  switch (c.type) {
    case 'network_exists':
      return `A network named ${c.network} exists`;
    case 'container_exists':
      return `A container named ${c.container} exists`;
    case 'container_running':
      return `The container ${c.container} is running`;
    case 'container_uses_image':
      return `The container ${c.container} runs the image ${c.image}`;
    case 'container_on_network':
      return `The container ${c.container} is on ${c.network}` + (c.alias ? ` as "${c.alias}"` : '');
    case 'name_resolves':
      return `On ${c.network}, the name ${c.name} leads to ${c.container}`;
    case 'port_published':
      return c.container
        ? `The container ${c.container} publishes port ${c.port}`
        : `Something is published on port ${c.port}`;
    case 'volume_exists':
      return `A volume named ${c.volume} exists`;
    case 'volume_mounted':
      return (
        `The container ${c.container} has ${c.volume ?? 'a volume'} mounted` +
        (c.destination ? ` at ${c.destination}` : '')
      );
    case 'image_present':
      return `The image ${c.image} is on the machine`;
    case 'container_env':
      return (
        `The container ${c.container} has the variable ${c.name}` +
        (c.value !== undefined ? `=${c.value}` : '')
      );
    case 'container_link':
      return `The container ${c.container} is linked to ${c.target} as ${c.alias}`;
    case 'http_get':
      return `http://${c.host}:${c.port}${c.path} answers with "${c.contains}"`;
    case 'file_contains':
      return `${c.path}${c.container ? ` in ${c.container}` : ''} contains "${c.text}"`;
    case 'script':
      return 'The step is done';
    case 'manual':
      return 'Read the step, then continue';
  }
}
