// A minimal ustar archive of regular files, enough for Docker's PUT /archive (copying a lesson's
// assets into a sandbox) without a tar dependency.

export interface TarFile {
  /** Path inside the archive, relative, "/"-separated. */
  name: string;
  data: Buffer;
  /** Permission bits; default 0o644. */
  mode?: number;
}

const BLOCK = 512;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(file: TarFile, mtime: number): Buffer {
  const name = Buffer.from(file.name, 'utf8');
  let prefix = Buffer.alloc(0);
  let base = name;
  if (name.length > 100) {
    // ustar splits a long path at a "/" into prefix (155 bytes) and name (100 bytes).
    const cut = file.name.lastIndexOf('/', 155);
    if (
      cut < 0 ||
      Buffer.byteLength(file.name.slice(cut + 1)) > 100 ||
      Buffer.byteLength(file.name.slice(0, cut)) > 155
    )
      throw new Error(`path too long for a tar archive: ${file.name}`);
    prefix = Buffer.from(file.name.slice(0, cut), 'utf8');
    base = Buffer.from(file.name.slice(cut + 1), 'utf8');
  }
  const h = Buffer.alloc(BLOCK);
  base.copy(h, 0);
  h.write(octal(file.mode ?? 0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii'); // uid
  h.write(octal(0, 8), 116, 'ascii'); // gid
  h.write(octal(file.data.length, 12), 124, 'ascii');
  h.write(octal(mtime, 12), 136, 'ascii');
  h.write('        ', 148, 'ascii'); // checksum counts as spaces while summing
  h.write('0', 156, 'ascii'); // regular file
  h.write('ustar\u000000', 257, 'ascii');
  prefix.copy(h, 345);
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return h;
}

/** The archive of `files`, ending with the two empty blocks tar expects. */
export function tarArchive(files: readonly TarFile[], mtime = Math.floor(Date.now() / 1000)): Buffer {
  const parts: Buffer[] = [];
  for (const file of files) {
    parts.push(header(file, mtime), file.data);
    const pad = (BLOCK - (file.data.length % BLOCK)) % BLOCK;
    if (pad) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}
