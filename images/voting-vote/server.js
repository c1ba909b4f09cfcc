// The voting app's front end, like the original's: a page to vote between two options; each
// vote goes to the Redis list "votes" as {"voter_id", "vote"} for the worker to store.
import http from 'node:http';
import os from 'node:os';
import crypto from 'node:crypto';
import { URLSearchParams } from 'node:url';
import { createRedis } from './lib/resp.js';

const optionA = process.env.OPTION_A || 'Cats';
const optionB = process.env.OPTION_B || 'Dogs';
const port = Number(process.env.PORT || 80);
// The port is fixed: `--link redis:redis` sets REDIS_PORT to tcp://<address>:6379.
const redis = createRedis({ host: process.env.REDIS_HOST || 'redis' });

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(vote) {
  const chosen = (v) => (vote === v ? ' class="chosen"' : '');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${escape(optionA)} vs ${escape(optionB)}!</title>
<style>
body{font-family:sans-serif;background:#f2f2f2;text-align:center;margin-top:10vh}
button{font-size:2em;width:9em;margin:.4em;padding:.6em;border:0;border-radius:8px;color:#fff;cursor:pointer}
#a{background:#1aaaf8}#b{background:#00cbca}.chosen{outline:6px solid #333}
</style></head><body>
<h1>${escape(optionA)} vs ${escape(optionB)}!</h1>
<form method="POST" action="/">
<button id="a" name="vote" value="a"${chosen('a')}>${escape(optionA)}</button>
<button id="b" name="vote" value="b"${chosen('b')}>${escape(optionB)}</button>
</form>
<p>${vote ? 'Thanks for voting! You can change your vote.' : '(Tip: you can only vote once, but you can change your vote)'}</p>
<p><small>Processed by container ID ${escape(os.hostname())}</small></p>
</body></html>`;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
      if (body.length > 10000) req.destroy();
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

const cookie = (req, name) =>
  (req.headers.cookie || '')
    .split(';')
    .map((c) => c.trim().split('='))
    .find(([k]) => k === name)?.[1];

http
  .createServer(async (req, res) => {
    try {
      const voterId = cookie(req, 'voter_id') || crypto.randomBytes(8).toString('hex');
      let vote = null;
      if (req.method === 'POST') {
        vote = new URLSearchParams(await readBody(req)).get('vote');
        if (vote !== 'a' && vote !== 'b') {
          res.writeHead(400, { 'content-type': 'text/plain' }).end('vote must be a or b\n');
          return;
        }
        await redis.command('RPUSH', 'votes', JSON.stringify({ voter_id: voterId, vote }));
        console.log(`Received vote for ${vote} from ${voterId}`);
      } else if (req.url !== '/' && req.url !== '/index.html') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        return;
      }
      res
        .writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'set-cookie': `voter_id=${voterId}; Path=/; SameSite=Lax`,
        })
        .end(page(vote));
    } catch (err) {
      console.error(`vote failed: ${err.message}`);
      res.writeHead(503, { 'content-type': 'text/plain' }).end(`could not record the vote: ${err.message}\n`);
    }
  })
  .listen(port, () => console.log(`vote app listening on port ${port}`));

process.on('SIGTERM', () => process.exit(0));
