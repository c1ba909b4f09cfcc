// Image references as people type them, compared the way Docker resolves them:
// `redis`, `redis:latest` and `docker.io/library/redis:latest` are one image.

export interface ImageRef {
  /** Fully qualified repository: "docker.io/library/redis". */
  repository: string;
  tag?: string;
  digest?: string;
}

export function parseImageRef(ref: string): ImageRef {
  let rest = ref.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  let domain = 'docker.io';
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    domain = first;
    parts.shift();
  }
  if (domain === 'index.docker.io' || domain === 'registry-1.docker.io') domain = 'docker.io';
  let path = parts.join('/');
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  return { repository: `${domain}/${path}`.toLowerCase(), tag, digest };
}

/**
 * Whether `actual` (a container's or an image's reference) is the image `expected` names.
 * A tag or digest in `expected` must match; without one, any tag of the repository does.
 */
export function imageMatches(expected: string, actual: string): boolean {
  const want = parseImageRef(expected);
  const have = parseImageRef(actual);
  if (want.repository !== have.repository) return false;
  if (want.digest) return have.digest === want.digest;
  if (want.tag) return (have.tag ?? 'latest') === want.tag;
  return true;
}

/** The short form people use: "docker.io/library/redis:latest" -> "redis:latest". */
export function familiarName(ref: string): string {
  return ref.replace(/^(docker\.io\/)?library\//, '').replace(/^docker\.io\//, '');
}
