// The pieces between the server and a shell under dtach: the client packets the server sends,
// the exec's multiplexed frames it reads, and the Perl relay in the sandbox (run here for real,
// against a socket that stands in for dtach's master).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  attachPackets,
  PACKET_BYTES,
  pushPackets,
  resizePacket,
} from '../../server/terminals/dtach-packets.js';
import { demultiplexer } from '../../server/terminals/exec-stream.js';
import { RELAY_PERL } from '../../server/terminals/shell-scripts.js';

test('keystrokes go 8 bytes a packet, each with its length', () => {
  const packets = pushPackets(Buffer.from('echo hello world\r'));
  assert.equal(packets.length, 3 * PACKET_BYTES);
  assert.deepEqual([...packets.subarray(0, 2)], [0, 8]);
  assert.equal(packets.subarray(2, 10).toString(), 'echo hel');
  assert.deepEqual([...packets.subarray(20, 22)], [0, 1]);
  assert.equal(packets.subarray(22, 23).toString(), '\r');
  assert.equal(pushPackets(Buffer.alloc(0)).length, 0);
});

test('attach comes before the size, which asks for a SIGWINCH redraw; a resize carries rows then columns', () => {
  const attach = attachPackets({ cols: 120, rows: 40 });
  assert.equal(attach.length, 2 * PACKET_BYTES);
  assert.equal(attach[0], 1, 'MSG_ATTACH first');
  assert.deepEqual([attach[10], attach[11]], [4, 3], 'MSG_REDRAW, REDRAW_WINCH');
  assert.deepEqual([attach.readUInt16LE(12), attach.readUInt16LE(14)], [40, 120]);
  const resize = resizePacket({ cols: 80, rows: 24 });
  assert.deepEqual([resize[0], resize.readUInt16LE(2), resize.readUInt16LE(4)], [3, 24, 80]);
});

/** An exec frame: stream type, three zeros, big-endian length, payload. */
const frame = (type: number, payload: string) => {
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(Buffer.byteLength(payload), 4);
  return Buffer.concat([header, Buffer.from(payload)]);
};

test('exec frames are read however the stream splits them, stdout and stderr alike', () => {
  const whole = Buffer.concat([frame(1, 'hello '), frame(2, 'err '), frame(1, ''), frame(1, 'world')]);
  for (const size of [1, 3, 7, 8, 9, whole.length]) {
    const got: Buffer[] = [];
    const read = demultiplexer((b) => got.push(Buffer.from(b)));
    for (let at = 0; at < whole.length; at += size) read(whole.subarray(at, at + size));
    assert.equal(Buffer.concat(got).toString(), 'hello err world', `chunks of ${size}`);
  }
});

test('a frame announcing more than arrives passes on what arrived, holding back nothing', () => {
  const header = Buffer.alloc(8);
  header[0] = 1;
  header.writeUInt32BE(0xffffffff, 4);
  let bytes = 0;
  const read = demultiplexer((b) => (bytes += b.length));
  read(header);
  for (let i = 0; i < 100; i++) read(Buffer.alloc(64 * 1024));
  assert.equal(bytes, 100 * 64 * 1024);
});

const dir = mkdtempSync(join(tmpdir(), 'relay-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs the relay against a socket server; `master` gets each connection. Node gives a child
 * sockets for its pipes, where the relay copies output; `intoPipe` puts a real pipe after it,
 * as Docker's exec has, where it splices (the relay's exit status then comes as the pipeline's,
 * carried through `cat`).
 */
function relayAgainst(master: (socket: Socket) => void, intoPipe = false) {
  const path = join(dir, `m${Math.random().toString(36).slice(2)}.sock`);
  const server = createServer(master);
  return new Promise<{ relay: ReturnType<typeof spawn>; close: () => void }>((resolve) =>
    server.listen(path, () => {
      const relay = intoPipe
        ? spawn('sh', [
            '-c',
            '{ perl -e "$1" "$2"; echo $? > "$3"; } | cat; exit "$(cat "$3")"',
            'sh',
            RELAY_PERL,
            path,
            `${path}.exit`,
          ])
        : spawn('perl', ['-e', RELAY_PERL, path], { stdio: ['pipe', 'pipe', 'inherit'] });
      resolve({ relay, close: () => server.close() });
    }),
  );
}

test('the relay passes whole packets to the master, however its input is split, and the output back', async () => {
  const received: Buffer[] = [];
  let answered = false;
  const { relay, close } = await relayAgainst((socket) => {
    socket.on('data', (chunk) => {
      received.push(chunk);
      for (const c of received) assert.equal(c.length % PACKET_BYTES, 0, 'only whole packets');
      if (!answered) socket.write('x'.repeat(200_000));
      answered = true;
      if (Buffer.concat(received).length >= 2000) socket.end();
    });
  });
  let output = 0;
  relay.stdout!.on('data', (c: Buffer) => (output += c.length));
  const packets = pushPackets(Buffer.alloc(1600, 'a')); // 200 packets
  for (let at = 0; at < packets.length; at += 7) relay.stdin!.write(packets.subarray(at, at + 7));
  const code = await new Promise((r) => relay.on('close', r));
  close();
  assert.equal(code, 0, 'ends when the master closes');
  assert.equal(Buffer.concat(received).length, 2000);
  assert.equal(output, 200_000);
});

for (const intoPipe of [false, true]) {
  test(`a flood reaches the relay's output whole and in order (${intoPipe ? 'spliced into a pipe' : 'copied'})`, async () => {
    const flood = Buffer.alloc(3 * 1024 * 1024);
    for (let i = 0; i < flood.length; i++) flood[i] = (i * 7 + (i >> 12)) % 251;
    const { relay, close } = await relayAgainst((socket) => {
      // In dtach's pieces, as its master writes them.
      for (let at = 0; at < flood.length; at += 4096) socket.write(flood.subarray(at, at + 4096));
      socket.end();
    }, intoPipe);
    const chunks: Buffer[] = [];
    relay.stdout!.on('data', (c: Buffer) => chunks.push(c));
    assert.equal(await new Promise((r) => relay.on('close', r)), 0);
    close();
    assert.ok(Buffer.concat(chunks).equals(flood), 'every byte, in order');
  });
}

test('the relay exits 94 when the socket does not answer, and 0 when its input ends', async () => {
  const missing = spawn('perl', ['-e', RELAY_PERL, join(dir, 'none.sock')]);
  assert.equal(await new Promise((r) => missing.on('exit', r)), 94);
  const { relay, close } = await relayAgainst(() => undefined);
  relay.stdin!.end();
  assert.equal(await new Promise((r) => relay.on('close', r)), 0);
  close();
});
