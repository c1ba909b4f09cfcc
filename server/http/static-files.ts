// Serves the built client (dist/client). Unknown paths get index.html so deep links work.
import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { decodePath } from './request-target.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** Serves one file of `root`; throws a PlaygroundError (400) for a path that names none. */
export function serveStatic(root: string, urlPath: string, res: ServerResponse): void {
  const inside = path.resolve(root, `.${decodePath(urlPath)}`);
  let file = inside;
  if (!inside.startsWith(root + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    file = path.join(root, 'index.html');
  }
  if (!fs.existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The client is not built yet. Run `npm run build` (npm start does it for you).');
    return;
  }
  const ext = path.extname(file);
  res.writeHead(200, {
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    // Hashed asset names can be cached forever; the page itself must not be.
    'cache-control': file.includes(`${path.sep}assets${path.sep}`)
      ? 'public, max-age=31536000, immutable'
      : 'no-cache',
  });
  // A file that goes away between the check and the read ends this answer, not the server.
  fs.createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}
