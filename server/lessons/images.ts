// Which images a lesson may use: those the playground builds and serves from its registry
// mirror (a sandbox has no other source), plus any the lesson builds or tags itself. Commands
// are read for the images they pull or run, so a typo is caught before a learner meets it.
import { mirrorRefs } from '../images/catalog.js';

/** "redis" -> "library/redis:latest"; "docker.io/caylent/x:vote" -> "caylent/x:vote". */
export function canonicalImage(ref: string): string {
  let rest = ref.trim().replace(/@.*$/, '');
  rest = rest.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '');
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon <= slash) rest += ':latest';
  if (!rest.slice(0, rest.lastIndexOf(':')).includes('/')) rest = `library/${rest}`;
  return rest.toLowerCase();
}

/** The images a sandbox can pull, as Docker Hub names them ("library/redis:alpine"). */
export function playgroundImages(): Set<string> {
  return new Set(mirrorRefs().map((r) => r.ref));
}

/** "library/redis:latest" -> "redis" (how people write it). */
export function familiarImage(canonical: string): string {
  return canonical.replace(/^library\//, '').replace(/:latest$/, '');
}

/** Splits a shell command into words: quotes respected, operators (; && | newline) as words. */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  const push = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  for (let i = 0; i < command.length; i++) {
    const c = command[i] ?? '';
    if (c === "'") {
      const end = command.indexOf("'", i + 1);
      word += command.slice(i + 1, end < 0 ? undefined : end);
      inWord = true;
      i = end < 0 ? command.length : end;
    } else if (c === '"') {
      let j = i + 1;
      while (j < command.length && command[j] !== '"') {
        if (command[j] === '\\' && j + 1 < command.length) j++;
        word += command[j];
        j++;
      }
      inWord = true;
      i = j;
    } else if (c === '\\' && command[i + 1] === '\n') {
      i++;
    } else if (c === '\\') {
      word += command[i + 1] ?? '';
      inWord = true;
      i++;
    } else if (/\s/.test(c) && c !== '\n') {
      push();
    } else if (c === '\n' || c === ';' || c === '|' || c === '&' || c === '(' || c === ')') {
      push();
      words.push(c === '\n' ? ';' : c);
    } else if (c === '#' && !inWord) {
      while (i + 1 < command.length && command[i + 1] !== '\n') i++;
    } else {
      word += c;
      inWord = true;
    }
  }
  push();
  return words;
}

const OPERATORS = new Set([';', '|', '&', '(', ')']);
/** Words after which `docker` starts a command. */
const COMMAND_START = new Set([...OPERATORS, 'sudo', 'do', 'then', 'else', 'time', 'exec', '!', '{']);

/** Options of docker run/create/pull that take no value (all others do, unless written --x=y). */
const FLAGS = new Set([
  '-d',
  '-i',
  '-t',
  '-P',
  '-q',
  '-a',
  '--detach',
  '--interactive',
  '--tty',
  '--rm',
  '--init',
  '--privileged',
  '--publish-all',
  '--read-only',
  '--no-healthcheck',
  '--oom-kill-disable',
  '--quiet',
  '--all-tags',
  '--disable-content-trust',
  '--help',
]);
const SHORT_FLAGS = new Set(['d', 'i', 't', 'P', 'q', 'a']);

function takesValue(option: string): boolean {
  if (option.includes('=')) return false;
  if (FLAGS.has(option)) return false;
  // Bundled short options such as -it or -dit: a value only if the last one needs it.
  if (/^-[A-Za-z]{2,}$/.test(option)) return !SHORT_FLAGS.has(option[option.length - 1] ?? '');
  return true;
}

export interface ImageUse {
  image: string;
  /** The image is made here (docker build -t, docker tag, docker commit), not pulled. */
  made: boolean;
}

/** The images `docker run|create|pull` use, and those `docker build|tag|commit` make. */
export function imagesInCommand(command: string): ImageUse[] {
  const words = shellWords(command);
  const uses: ImageUse[] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i] !== 'docker' || (i > 0 && !COMMAND_START.has(words[i - 1] ?? ''))) continue;
    let j = i + 1;
    let sub = words[j];
    if ((sub === 'container' || sub === 'image') && words[j + 1]) sub = words[++j];
    j++;
    const args: string[] = [];
    while (j < words.length && !OPERATORS.has(words[j] ?? '')) args.push(words[j++] ?? '');
    const positional = (from = 0): string[] => {
      const out: string[] = [];
      for (let k = from; k < args.length; k++) {
        const a = args[k] ?? '';
        if (a === '--') continue;
        if (a.startsWith('-') && a.length > 1) {
          if (takesValue(a)) k++;
        } else out.push(a);
      }
      return out;
    };
    if (sub === 'run' || sub === 'create' || sub === 'pull') {
      const image = positional()[0];
      if (image && !image.startsWith('$')) uses.push({ image, made: false });
    } else if (sub === 'build') {
      args.forEach((a, k) => {
        if ((a === '-t' || a === '--tag') && args[k + 1]) uses.push({ image: args[k + 1] ?? '', made: true });
        const inline = /^(?:-t|--tag)=?(.+)$/.exec(a);
        if (inline && a !== '-t' && a !== '--tag') uses.push({ image: inline[1] ?? '', made: true });
      });
    } else if (sub === 'tag' || sub === 'commit') {
      const target = positional()[1];
      if (target) uses.push({ image: target, made: true });
    }
    i = j - 1;
  }
  return uses;
}

/** A Dockerfile `FROM` line: options, the image, and an optional stage name. */
const FROM_LINE = /^[ \t]*FROM[ \t]+((?:--[a-z-]+=\S+[ \t]+)*)(\S+)(?:[ \t]+AS[ \t]+(\S+))?[ \t]*$/i;
const IMAGE_REF = /^[a-z0-9][a-z0-9._\-/:@]*$/i;

/**
 * The images named by Dockerfile `FROM` lines anywhere in `text` (a Dockerfile, a heredoc in a
 * command, a code block in a step's text), with their 1-based line. Stage names (`FROM x AS
 * build` ... `FROM build`), `scratch` and variables are not images to pull. The line must be
 * written in capitals, as Dockerfiles are, so prose beginning with "From" is not read.
 */
export function imagesInDockerfileLines(text: string): { image: string; line: number }[] {
  const found: { image: string; line: number }[] = [];
  const stages = new Set<string>();
  text.split('\n').forEach((raw, i) => {
    if (!/^\s*FROM\s/.test(raw)) return;
    const m = FROM_LINE.exec(raw);
    if (!m) return;
    const image = m[2] ?? '';
    if (m[3]) stages.add(m[3].toLowerCase());
    // A stage is named even when its image is a variable (`FROM golang:${GO_VERSION} AS base`).
    if (image.toLowerCase() === 'scratch' || stages.has(image.toLowerCase()) || !IMAGE_REF.test(image))
      return;
    found.push({ image, line: i + 1 });
  });
  return found;
}
