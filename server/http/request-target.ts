// Reads a request's target (the path and query of its first line) without trusting it: any
// bytes may arrive there, and a target that cannot be read is a 400, never an exception.
import { PlaygroundError } from '../errors.js';

/**
 * The target as a URL on the playground. Only the origin form (`/path?query`) is served: the
 * absolute form (`http://x/`) is for proxies and the asterisk form (`OPTIONS *`) for the
 * server as a whole, and this server is neither.
 */
export function parseRequestTarget(target: string | undefined): URL {
  if (!target?.startsWith('/'))
    throw new PlaygroundError('Only paths are served here (the request target must start with "/").', 400);
  try {
    // Joined to a fixed origin, `//x:1/` stays a path instead of naming a host.
    return new URL(`http://playground${target}`);
  } catch {
    throw new PlaygroundError('The request target is not a valid URL path.', 400);
  }
}

/**
 * A URL path with its percent-escapes decoded, for a file name. Refuses (400) an escape that
 * is not UTF-8, a NUL byte and a `..` segment: none of them names a file of the site.
 */
export function decodePath(pathname: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    throw new PlaygroundError('The path has a percent-escape that is not valid UTF-8.', 400);
  }
  if (decoded.includes('\0')) throw new PlaygroundError('The path holds a NUL byte.', 400);
  if (decoded.split(/[/\\]/).includes('..'))
    throw new PlaygroundError('The path may not climb out of the site ("..").', 400);
  return decoded;
}
