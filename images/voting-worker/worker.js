// The voting app's worker, like the original's: takes each vote from the Redis list "votes" and
// stores it in PostgreSQL (table votes, one row per voter), retrying until both are reachable.
import { setTimeout as sleep } from 'node:timers/promises';
import { createRedis } from './lib/resp.js';
import { connect } from './lib/pg.js';

// The port is fixed: `--link redis:redis` sets REDIS_PORT to tcp://<address>:6379.
const redis = createRedis({ host: process.env.REDIS_HOST || 'redis' });
// The port is fixed: `--link db:db` sets DB_PORT to tcp://<address>:5432.
const dbOptions = {
  host: process.env.DB_HOST || 'db',
  user: process.env.POSTGRES_USER || 'postgres',
  password: process.env.POSTGRES_PASSWORD || '',
  database: process.env.POSTGRES_DB || 'postgres',
};

async function openDb() {
  for (;;) {
    try {
      const db = await connect(dbOptions);
      await db.query('CREATE TABLE IF NOT EXISTS votes (id text PRIMARY KEY, vote text NOT NULL)');
      console.log(`Connected to db at ${dbOptions.host}`);
      return db;
    } catch (err) {
      console.error(`Waiting for db: ${err.message}`);
      await sleep(1000);
    }
  }
}

async function main() {
  let db = await openDb();
  for (;;) {
    let item;
    try {
      item = await redis.command('BLPOP', 'votes', 1);
    } catch (err) {
      console.error(`Waiting for redis: ${err.message}`);
      await sleep(1000);
      continue;
    }
    if (!item) continue;
    let vote;
    try {
      vote = JSON.parse(item[1]);
    } catch {
      console.error(`Skipping malformed vote ${item[1]}`);
      continue;
    }
    // A vote popped from Redis is kept until the database has it.
    for (;;) {
      try {
        await db.query(
          'INSERT INTO votes (id, vote) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET vote = excluded.vote',
          [vote.voter_id, vote.vote],
        );
        console.log(`Processing vote for '${vote.vote}' by '${vote.voter_id}'`);
        break;
      } catch (err) {
        if (db.broken || err.code === '42P01') {
          // Connection lost, or the table was dropped: reconnect (which recreates it) and retry.
          console.error(`Reconnecting to db: ${err.message}`);
          if (!db.broken) db.close();
          db = await openDb();
          continue;
        }
        console.error(`Dropping vote: ${err.message}`);
        break;
      }
    }
  }
}

process.on('SIGTERM', () => process.exit(0));
main();
