// The voting app's results page, like the original's: the tally read from PostgreSQL, shown on a
// page that refreshes itself every second (from /api/tally).
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from './lib/pg.js';

const optionA = process.env.OPTION_A || 'Cats';
const optionB = process.env.OPTION_B || 'Dogs';
const port = Number(process.env.PORT || 80);
// The port is fixed: `--link db:db` sets DB_PORT to tcp://<address>:5432.
const dbOptions = {
  host: process.env.DB_HOST || 'db',
  user: process.env.POSTGRES_USER || 'postgres',
  password: process.env.POSTGRES_PASSWORD || '',
  database: process.env.POSTGRES_DB || 'postgres',
};

let db = null;
let tally = { a: 0, b: 0 };

// Reads the tally once a second; an unreachable db or a missing table (no vote yet) is retried.
async function poll() {
  for (;;) {
    try {
      if (!db || db.broken) {
        db = await connect(dbOptions);
        console.log(`Connected to db at ${dbOptions.host}`);
      }
      const { rows } = await db.query('SELECT vote, COUNT(id) AS count FROM votes GROUP BY vote');
      const next = { a: 0, b: 0 };
      for (const row of rows) if (row.vote in next) next[row.vote] = Number(row.count);
      tally = next;
    } catch (err) {
      if (err.code !== '42P01') console.error(`Waiting for db: ${err.message}`);
    }
    await sleep(1000);
  }
}

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = `<!doctype html>
<html><head><meta charset="utf-8"><title>${escape(optionA)} vs ${escape(optionB)} -- Result</title>
<style>
body{font-family:sans-serif;margin:0;text-align:center}
.half{position:absolute;top:0;bottom:0;width:50%;display:flex;flex-direction:column;justify-content:center}
#a{left:0;background:#1aaaf8;color:#fff}#b{right:0;background:#00cbca;color:#fff}
.pct{font-size:4em}#total{position:absolute;bottom:1em;width:100%;z-index:1}
</style></head><body>
<div class="half" id="a"><h1>${escape(optionA)}</h1><div class="pct" id="pa">50.0%</div></div>
<div class="half" id="b"><h1>${escape(optionB)}</h1><div class="pct" id="pb">50.0%</div></div>
<div id="total">No votes yet</div>
<script>
async function refresh() {
  try {
    const t = await (await fetch('/api/tally')).json();
    const total = t.a + t.b;
    const pa = total ? (100 * t.a) / total : 50;
    document.getElementById('pa').textContent = pa.toFixed(1) + '%';
    document.getElementById('pb').textContent = (100 - pa).toFixed(1) + '%';
    document.getElementById('total').textContent =
      total ? total + (total === 1 ? ' vote' : ' votes') : 'No votes yet';
  } catch (e) {}
}
refresh();
setInterval(refresh, 1000);
</script>
</body></html>`;

http
  .createServer((req, res) => {
    if (req.url === '/api/tally') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ ...tally, optionA, optionB }));
    } else if (req.url === '/' || req.url === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    }
  })
  .listen(port, () => console.log(`result app listening on port ${port}`));

process.on('SIGTERM', () => process.exit(0));
poll();
