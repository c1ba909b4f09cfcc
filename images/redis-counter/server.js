// Like katacoda/redis-node-docker-example: counts page views in Redis (key "counter").
import http from 'node:http';
import { createRedis } from './lib/resp.js';

const port = Number(process.env.PORT || 3000);
// The port is fixed: `--link redis:redis` sets REDIS_PORT to tcp://<address>:6379.
const redis = createRedis({ host: process.env.REDIS_HOST || 'redis' });

http
  .createServer(async (req, res) => {
    if (req.url !== '/') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    try {
      const count = await redis.command('INCR', 'counter');
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`This page was viewed ${count} times!\n`);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`Redis is not reachable: ${err.message}\n`);
    }
  })
  .listen(port, () => console.log(`Listening on port ${port}`));

process.on('SIGTERM', () => process.exit(0));
