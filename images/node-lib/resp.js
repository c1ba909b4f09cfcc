// A small Redis client (RESP2 over TCP): commands are sent as arrays of bulk strings and their
// replies are matched in order. The connection is opened on first use and again after a failure,
// so an app started before its Redis simply retries.
import net from 'node:net';

export class RedisError extends Error {}

// Parses one reply at `offset`; returns [value, nextOffset], or undefined if `buf` is incomplete.
export function parseReply(buf, offset = 0) {
  const lineEnd = buf.indexOf('\r\n', offset);
  if (lineEnd < 0) return undefined;
  const type = String.fromCharCode(buf[offset]);
  const line = buf.toString('utf8', offset + 1, lineEnd);
  const next = lineEnd + 2;
  switch (type) {
    case '+':
      return [line, next];
    case '-':
      return [new RedisError(line), next];
    case ':':
      return [Number(line), next];
    case '$': {
      const len = Number(line);
      if (len < 0) return [null, next];
      if (buf.length < next + len + 2) return undefined;
      return [buf.toString('utf8', next, next + len), next + len + 2];
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return [null, next];
      const items = [];
      let at = next;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buf, at);
        if (!item) return undefined;
        items.push(item[0]);
        at = item[1];
      }
      return [items, at];
    }
    default:
      throw new RedisError(`unexpected reply type ${JSON.stringify(type)}`);
  }
}

export function encodeCommand(args) {
  const parts = [`*${args.length}\r\n`];
  for (const arg of args) {
    const s = String(arg);
    parts.push(`$${Buffer.byteLength(s)}\r\n${s}\r\n`);
  }
  return parts.join('');
}

export function createRedis({ host = 'redis', port = 6379, connectTimeoutMs = 2000 } = {}) {
  let socket = null;
  let buffer = Buffer.alloc(0);
  let pending = [];

  function fail(err) {
    const waiting = pending;
    pending = [];
    socket?.destroy();
    socket = null;
    buffer = Buffer.alloc(0);
    for (const p of waiting) p.reject(err);
  }

  function onData(chunk) {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    let parsed;
    try {
      while (pending.length && (parsed = parseReply(buffer))) {
        buffer = buffer.subarray(parsed[1]);
        const p = pending.shift();
        if (parsed[0] instanceof RedisError) p.reject(parsed[0]);
        else p.resolve(parsed[0]);
      }
    } catch (err) {
      fail(err);
    }
  }

  function connect() {
    const s = net.createConnection({ host, port });
    // Events of a socket already given up on must not fail the commands of its successor.
    const failIfCurrent = (message) => socket === s && fail(new Error(`redis ${host}:${port}: ${message}`));
    s.setNoDelay(true);
    s.setTimeout(connectTimeoutMs, () => failIfCurrent('connect timeout'));
    s.once('connect', () => s.setTimeout(0));
    s.on('data', (chunk) => socket === s && onData(chunk));
    s.on('error', (err) => failIfCurrent(err.message));
    s.on('close', () => failIfCurrent('connection closed'));
    return s;
  }

  return {
    command(...args) {
      if (!socket) socket = connect();
      return new Promise((resolve, reject) => {
        pending.push({ resolve, reject });
        socket.write(encodeCommand(args));
      });
    },
    close() {
      socket?.end();
      socket = null;
    },
  };
}
