// What a sandbox returns is hostile: the event line reader (huge lines, floods, split chunks,
// broken JSON), the pacing of a flooding stream, and the bounded capture of a command's
// output (a fake engine whose exec prints hundreds of MB, or never ends). No engine.
import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { test } from 'node:test';
import type Docker from 'dockerode';
import { watchPorts } from '../../server/ports/port-watcher.js';
import { EventLineReader, eventLineParser, type DockerEvent } from '../../server/validation/event-lines.js';
import type { SubscribeEvents } from '../../server/validation/events.js';
import { runCheck } from '../../server/validation/run-check.js';
import { captureInSandbox } from '../../server/validation/sandbox-exec.js';
import {
  ANSWER_MAX_BYTES,
  EVENT_BYTES_PER_WINDOW,
  EVENT_LINE_MAX_BYTES,
  EVENT_WINDOW_MS,
} from '../../server/validation/sandbox-limits.js';
import { DockerSandboxShell } from '../../server/validation/shell.js';
import { paceStream } from '../../server/validation/stream-pace.js';
import { FakeTimers } from '../support/fake-timers.js';

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

function eventLine(action: string, attributes: Record<string, string> = {}): string {
  return `${JSON.stringify({ Type: 'container', Action: action, Actor: { ID: 'c1', Attributes: attributes }, time: 1 })}\n`;
}

test('the event line parser joins split chunks and skips noise', () => {
  const seen: DockerEvent[] = [];
  const feed = eventLineParser((e) => seen.push(e));
  feed('{"Type":"network","Action":"cre');
  feed('ate","Actor":{"ID":"a"},"time":1}\nnot json\n{"broken":');
  feed('\n{"Type":"container","Action":"start","Actor":{"ID":"b"},"time":2}\n');
  assert.deepEqual(
    seen.map((e) => `${e.Type}/${e.Action}`),
    ['network/create', 'container/start'],
  );
});

test('an event split anywhere, even inside a UTF-8 character, reads the same', () => {
  const text = eventLine('start', { name: 'café ☕' }) + eventLine('die');
  const bytes = Buffer.from(text);
  for (let cut = 1; cut < bytes.length; cut += 7) {
    const seen: DockerEvent[] = [];
    const reader = new EventLineReader((e) => seen.push(e));
    reader.push(bytes.subarray(0, cut));
    reader.push(bytes.subarray(cut));
    assert.deepEqual(
      seen.map((e) => e.Action),
      ['start', 'die'],
      `cut at ${cut}`,
    );
    assert.equal(seen[0]!.Actor.Attributes!.name, 'café ☕');
  }
});

test('a line longer than the bound is skipped as it streams past, never held', () => {
  const seen: DockerEvent[] = [];
  const reader = new EventLineReader((e) => seen.push(e));
  // A valid event, but 100 KiB long: an honest daemon never writes one.
  reader.push(eventLine('start', { padding: 'x'.repeat(100 * 1024) }));
  // 20 MB without a newline, in 64 KiB chunks: what is held stays within the bound.
  const chunk = Buffer.alloc(64 * 1024, 'y');
  let mostHeld = 0;
  for (let i = 0; i < 320; i++) {
    reader.push(chunk);
    mostHeld = Math.max(mostHeld, reader.heldBytes);
  }
  reader.push('\n');
  reader.push(eventLine('die'));
  assert.ok(mostHeld <= EVENT_LINE_MAX_BYTES, `held ${mostHeld} bytes`);
  assert.deepEqual(
    seen.map((e) => e.Action),
    ['die'],
  );
  assert.equal(reader.stats.tooLong, 2);
  assert.equal(reader.heldBytes, 0);
});

test('a line just within the bound is read', () => {
  const seen: DockerEvent[] = [];
  const reader = new EventLineReader((e) => seen.push(e));
  const bare = eventLine('start', { padding: '' }).length - 1;
  reader.push(eventLine('start', { padding: 'x'.repeat(EVENT_LINE_MAX_BYTES - bare) }));
  assert.equal(seen.length, 1);
  assert.equal(reader.stats.tooLong, 0);
});

test('reading is linear: a long line in small chunks looks at each byte once', () => {
  const reader = new EventLineReader(() => undefined);
  // 8 MB in 1 KiB chunks. Joining and searching the whole pending text on every chunk
  // would look at about 32 GB (minutes); looking at each byte once takes milliseconds.
  const chunk = Buffer.alloc(1024, 'z');
  const started = process.hrtime.bigint();
  for (let i = 0; i < 8 * 1024; i++) reader.push(chunk);
  reader.push('\n');
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  assert.equal(reader.stats.scanned, 8 * 1024 * 1024 + 1);
  assert.equal(reader.stats.tooLong, 1);
  assert.ok(ms < 3_000, `8 MB took ${Math.round(ms)} ms`);
});

test('a flood of lines, with broken and foreign JSON among them, holds nothing back', () => {
  let events = 0;
  const reader = new EventLineReader(() => events++);
  const good = eventLine('start');
  const mix = [good, '{"Type":"container","Action":', '\n', '{"not":"an event"}\n', 'Warning: x\n', '\n'];
  for (let i = 0; i < 20_000; i++) {
    for (const piece of mix) reader.push(piece);
    assert.ok(reader.heldBytes <= good.length);
  }
  assert.equal(events, 20_000);
  assert.equal(reader.stats.events, 20_000);
  assert.equal(reader.stats.skipped, 60_000);
  assert.equal(reader.heldBytes, 0);
});

test('a stream over its budget is paused until the window ends, then read again', async () => {
  const timers = new FakeTimers();
  const source = new PassThrough({ highWaterMark: 16 * 1024 });
  let read = 0;
  source.on('data', (chunk: Buffer) => (read += chunk.length));
  const pace = paceStream(source, { timers });
  const chunk = Buffer.alloc(16 * 1024, 'e');
  // The writer offers 4 windows' worth at once.
  const offered = 4 * EVENT_BYTES_PER_WINDOW;
  for (let sent = 0; sent < offered; sent += chunk.length) source.write(chunk);
  await flush();
  assert.ok(
    read >= EVENT_BYTES_PER_WINDOW && read < EVENT_BYTES_PER_WINDOW + 2 * chunk.length,
    `read ${read}`,
  );
  assert.equal(source.isPaused(), true);
  assert.equal(pace.pauses, 1);
  const afterFirst = read;
  await flush();
  assert.equal(read, afterFirst, 'nothing more is read while paused');
  timers.advance(EVENT_WINDOW_MS);
  await flush();
  assert.ok(read > afterFirst, 'the next window reads on');
  assert.ok(read < 2 * EVENT_BYTES_PER_WINDOW + 2 * chunk.length, `read ${read}`);
  for (let i = 0; i < 4; i++) {
    timers.advance(EVENT_WINDOW_MS);
    await flush();
  }
  assert.equal(read, offered);
  pace.stop();
  assert.equal(timers.pending, 0);
});

/** An engine whose exec answers with `output` (a stream made for each exec), and whose exit status is 0. */
function fakeContainer(output: () => Readable): { container: Docker.Container; streams: Readable[] } {
  const streams: Readable[] = [];
  const container = {
    exec: async () => ({
      start: async () => {
        const stream = output();
        streams.push(stream);
        return stream;
      },
      inspect: async () => ({ ExitCode: 0 }),
    }),
    inspect: async () => ({ State: { Running: true, Paused: false } }),
    modem: {
      demuxStream: (stream: Readable, stdout: { write(c: Buffer): void }) =>
        stream.on('data', (c: Buffer) => stdout.write(c)),
    },
  };
  return { container: container as unknown as Docker.Container, streams };
}

/** An endless answer, made only as fast as it is read; `made` counts the bytes made. */
function endless(counter: { made: number }): Readable {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  return new Readable({
    read() {
      counter.made += chunk.length;
      this.push(chunk);
    },
  });
}

test('a capture keeps its output and exit status', async () => {
  const { container } = fakeContainer(() => Readable.from([Buffer.from('hello\n'), Buffer.from('world\n')]));
  const result = await captureInSandbox(container, ['true'], { timeoutMs: 1_000 });
  assert.deepEqual(result, { exitCode: 0, output: 'hello\nworld\n' });
});

test('a capture that answers with hundreds of MB stops reading past the bound', async () => {
  const counter = { made: 0 };
  const { container, streams } = fakeContainer(() => endless(counter));
  const result = await captureInSandbox(container, ['docker', 'inspect'], { timeoutMs: 60_000 });
  assert.equal(result.oversized, true);
  assert.equal(result.output, '');
  assert.ok(counter.made < ANSWER_MAX_BYTES + 1024 * 1024, `read ${counter.made} bytes`);
  assert.equal(streams[0]!.destroyed, true);
});

test('a capture that never ends is dropped at its time limit', async () => {
  const timers = new FakeTimers();
  const { container, streams } = fakeContainer(() => new PassThrough());
  const pending = captureInSandbox(container, ['sleep', 'infinity'], { timeoutMs: 10_000, timers });
  await flush();
  (streams[0] as PassThrough).write('partial');
  await flush();
  timers.advance(10_000);
  const result = await pending;
  assert.deepEqual(result, { exitCode: null, output: 'partial', timedOut: true });
  assert.equal(streams[0]!.destroyed, true);
});

test('a check whose sandbox answers with too much fails with that reason, for that check only', async () => {
  const counter = { made: 0 };
  const { container } = fakeContainer(() => endless(counter));
  const result = await runCheck(new DockerSandboxShell(container), {
    type: 'network_exists',
    network: 'backend',
  });
  assert.equal(result.ok, false);
  assert.match(result.reason, /The sandbox answered with more than 1 MiB/);
  assert.ok(counter.made < ANSWER_MAX_BYTES + 1024 * 1024, `read ${counter.made} bytes`);
});

test('a port listing that answers with too much is a problem, and the links stay as they were', async () => {
  const problems: string[] = [];
  const lists: number[][] = [];
  let oversized = false;
  const subscribe: SubscribeEvents = async () => ({ stop: async () => undefined });
  const watcher = await watchPorts({
    host: 'docker',
    list: async () =>
      oversized
        ? { exitCode: null, output: '', oversized: true }
        : {
            exitCode: 0,
            output: '{"name":"/web","running":true,"ports":{"80/tcp":[{"HostIp":"","HostPort":"5000"}]}}\n',
          },
    subscribe,
    onChange: (_host, ports) => lists.push(ports.map((p) => p.port)),
    onProblem: (reason) => problems.push(reason),
  });
  oversized = true;
  await watcher.refresh();
  await watcher.stop();
  assert.deepEqual(lists, [[5000]]);
  assert.deepEqual(problems, ['listing published ports: the sandbox answered with more than 1 MiB']);
});
