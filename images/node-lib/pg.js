// A small PostgreSQL client: protocol 3.0 over TCP, trust/password/md5/SCRAM-SHA-256 logins, and
// parameterised queries through the extended protocol. Values come back as text. Enough for the
// lesson apps; a lost connection rejects every later query, so callers reconnect.
import net from 'node:net';
import crypto from 'node:crypto';

export class PgError extends Error {
  constructor(fields) {
    super(fields.M || 'postgres error');
    this.code = fields.C;
    this.detail = fields.D;
  }
}

const int16 = (n) => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
};
const int32 = (n) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const cstr = (s) => Buffer.from(`${s}\0`);

// A frontend message: type byte, then a length that counts itself and the body.
function message(type, ...parts) {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from(type), int32(body.length + 4), body]);
}

function parseErrorFields(body) {
  const fields = {};
  let at = 0;
  while (at < body.length && body[at] !== 0) {
    const end = body.indexOf(0, at + 1);
    fields[String.fromCharCode(body[at])] = body.toString('utf8', at + 1, end);
    at = end + 1;
  }
  return fields;
}

// Incoming bytes split into {type, body} messages, handed out in order by next().
function messageReader(socket, label) {
  let buffer = Buffer.alloc(0);
  const ready = [];
  let waiter = null;
  let closed = null;

  const settle = () => {
    if (!waiter) return;
    if (ready.length) {
      const w = waiter;
      waiter = null;
      w.resolve(ready.shift());
    } else if (closed) {
      const w = waiter;
      waiter = null;
      w.reject(closed);
    }
  };
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    while (buffer.length >= 5) {
      const len = buffer.readInt32BE(1);
      if (buffer.length < len + 1) break;
      ready.push({ type: String.fromCharCode(buffer[0]), body: buffer.subarray(5, len + 1) });
      buffer = buffer.subarray(len + 1);
    }
    settle();
  });
  const close = (err) => {
    closed ??= err;
    settle();
  };
  socket.on('error', (err) => close(new Error(`${label}: ${err.message}`)));
  socket.on('close', () => close(new Error(`${label}: connection closed`)));

  return {
    next() {
      if (ready.length) return Promise.resolve(ready.shift());
      if (closed) return Promise.reject(closed);
      return new Promise((resolve, reject) => {
        waiter = { resolve, reject };
      });
    },
    get closed() {
      return closed;
    },
  };
}

const hmac = (key, data) => crypto.createHmac('sha256', key).update(data).digest();
const sha256 = (data) => crypto.createHash('sha256').update(data).digest();
const md5 = (data) => crypto.createHash('md5').update(data).digest('hex');

// SCRAM-SHA-256 (RFC 5802/7677) as PostgreSQL uses it: no channel binding, user name taken
// from the startup message.
async function scramLogin(socket, reader, password) {
  const clientNonce = crypto.randomBytes(18).toString('base64');
  const clientFirstBare = `n=*,r=${clientNonce}`;
  const first = Buffer.from(`n,,${clientFirstBare}`);
  socket.write(message('p', cstr('SCRAM-SHA-256'), int32(first.length), first));

  const cont = await expectAuth(reader, 11);
  const serverFirst = cont.subarray(4).toString();
  const attrs = Object.fromEntries(serverFirst.split(',').map((kv) => [kv[0], kv.slice(2)]));
  if (!attrs.r?.startsWith(clientNonce)) throw new Error('SCRAM: server nonce mismatch');
  const salted = crypto.pbkdf2Sync(password, Buffer.from(attrs.s, 'base64'), Number(attrs.i), 32, 'sha256');
  const clientKey = hmac(salted, 'Client Key');
  const finalWithoutProof = `c=biws,r=${attrs.r}`;
  const authMessage = `${clientFirstBare},${serverFirst},${finalWithoutProof}`;
  const signature = hmac(sha256(clientKey), authMessage);
  const proof = Buffer.from(clientKey.map((b, i) => b ^ signature[i])).toString('base64');
  socket.write(message('p', Buffer.from(`${finalWithoutProof},p=${proof}`)));

  const final = (await expectAuth(reader, 12)).subarray(4).toString();
  const expected = hmac(hmac(salted, 'Server Key'), authMessage).toString('base64');
  if (final !== `v=${expected}`) throw new Error('SCRAM: bad server signature');
}

async function expectAuth(reader, code) {
  const m = await reader.next();
  if (m.type === 'E') throw new PgError(parseErrorFields(m.body));
  if (m.type !== 'R' || m.body.readInt32BE(0) !== code) throw new Error(`unexpected message ${m.type}`);
  return m.body;
}

export async function connect({
  host = 'db',
  port = 5432,
  user = 'postgres',
  database = user,
  password = '',
  timeoutMs = 3000,
} = {}) {
  const label = `postgres ${host}:${port}`;
  const socket = net.createConnection({ host, port });
  socket.setNoDelay(true);
  socket.setTimeout(timeoutMs, () => socket.destroy(new Error('connect timeout')));
  const reader = messageReader(socket, label);
  const params = Buffer.concat([
    cstr('user'),
    cstr(user),
    cstr('database'),
    cstr(database),
    Buffer.from([0]),
  ]);
  socket.write(Buffer.concat([int32(params.length + 8), int32(196608), params]));

  try {
    for (;;) {
      const m = await reader.next();
      if (m.type === 'E') throw new PgError(parseErrorFields(m.body));
      if (m.type === 'Z') break;
      if (m.type !== 'R') continue; // ParameterStatus, BackendKeyData, notices
      const code = m.body.readInt32BE(0);
      if (code === 0) continue;
      if (code === 3) socket.write(message('p', cstr(password)));
      else if (code === 5) {
        const salt = m.body.subarray(4, 8);
        const inner = md5(password + user);
        socket.write(message('p', cstr(`md5${md5(Buffer.concat([Buffer.from(inner), salt]))}`)));
      } else if (code === 10) await scramLogin(socket, reader, password);
      else throw new Error(`${label}: unsupported authentication method ${code}`);
    }
  } catch (err) {
    socket.destroy();
    throw err;
  }
  socket.setTimeout(0); // logged in: an idle connection is fine from now on

  let queue = Promise.resolve();
  async function run(text, values) {
    const bind = [cstr(''), cstr(''), int16(0), int16(values.length)];
    for (const v of values) {
      if (v === null || v === undefined) bind.push(int32(-1));
      else {
        const b = Buffer.from(String(v));
        bind.push(int32(b.length), b);
      }
    }
    bind.push(int16(0));
    socket.write(
      Buffer.concat([
        message('P', cstr(''), cstr(text), int16(0)),
        message('B', ...bind),
        message('D', Buffer.from('P'), cstr('')),
        message('E', cstr(''), int32(0)),
        message('S'),
      ]),
    );
    let fields = [];
    const rows = [];
    let command = '';
    let error = null;
    for (;;) {
      const m = await reader.next();
      if (m.type === 'T') fields = readFields(m.body);
      else if (m.type === 'D') rows.push(readRow(m.body, fields));
      else if (m.type === 'C') command = m.body.toString('utf8', 0, m.body.length - 1);
      else if (m.type === 'E') error = new PgError(parseErrorFields(m.body));
      else if (m.type === 'Z') break;
    }
    if (error) throw error;
    return { rows, command };
  }

  return {
    query(text, values = []) {
      const result = queue.then(() => run(text, values));
      queue = result.catch(() => {});
      return result;
    },
    get broken() {
      return reader.closed !== null;
    },
    close() {
      if (!reader.closed) socket.end(message('X'));
    },
  };
}

function readFields(body) {
  const count = body.readInt16BE(0);
  const names = [];
  let at = 2;
  for (let i = 0; i < count; i++) {
    const end = body.indexOf(0, at);
    names.push(body.toString('utf8', at, end));
    at = end + 1 + 18; // table oid, column, type oid, size, modifier, format
  }
  return names;
}

function readRow(body, fields) {
  const row = {};
  const count = body.readInt16BE(0);
  let at = 2;
  for (let i = 0; i < count; i++) {
    const len = body.readInt32BE(at);
    at += 4;
    row[fields[i] ?? `column${i}`] = len < 0 ? null : body.toString('utf8', at, at + len);
    if (len > 0) at += len;
  }
  return row;
}
