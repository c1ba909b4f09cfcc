// The packets a dtach client sends to its master (dtach.h, `struct packet`): the server
// speaks them itself, through a plain byte relay in the sandbox (shell-scripts.ts), so the
// shell's output crosses one pseudo-terminal instead of two. The master answers with the
// program's raw output, unframed.
import type { TerminalSize } from '../../common/protocol.js';

/** One packet: type, length, then 8 bytes (keystrokes, or a `struct winsize`). */
export const PACKET_BYTES = 10;
const PAYLOAD_BYTES = 8;

const MSG_PUSH = 0;
const MSG_ATTACH = 1;
const MSG_WINCH = 3;
const MSG_REDRAW = 4;
/** Redraw by SIGWINCH: a full-screen program repaints, bash's readline redraws its line. */
const REDRAW_WINCH = 3;

/** A packet of `type` with `len` in its length byte and its 8 bytes zero. */
function packet(type: number, len: number): Buffer {
  const bytes = Buffer.alloc(PACKET_BYTES);
  bytes[0] = type;
  bytes[1] = len;
  return bytes;
}

/**
 * A packet with a window size. `struct winsize` is four native-order shorts (rows, cols,
 * and two pixel sizes left 0); little-endian, as on every machine the engine runs sandboxes
 * on here (x86-64, arm64).
 */
function sizePacket(type: number, len: number, { cols, rows }: TerminalSize): Buffer {
  const bytes = packet(type, len);
  bytes.writeUInt16LE(rows, 2);
  bytes.writeUInt16LE(cols, 4);
  return bytes;
}

/**
 * What a new client sends first: attach (the master sends output only to attached clients),
 * then the pane's size with a redraw, which also tells a shell that waits for its first
 * client that one is there (INNER_SCRIPT).
 */
export function attachPackets(size: TerminalSize): Buffer {
  return Buffer.concat([packet(MSG_ATTACH, 0), sizePacket(MSG_REDRAW, REDRAW_WINCH, size)]);
}

/** A new window size (the kernel sends the program SIGWINCH itself). */
export function resizePacket(size: TerminalSize): Buffer {
  return sizePacket(MSG_WINCH, 0, size);
}

/** Keystrokes, 8 bytes a packet. */
export function pushPackets(data: Uint8Array): Buffer {
  const count = Math.ceil(data.length / PAYLOAD_BYTES);
  const packets = Buffer.alloc(count * PACKET_BYTES);
  for (let i = 0; i < count; i++) {
    const part = data.subarray(i * PAYLOAD_BYTES, (i + 1) * PAYLOAD_BYTES);
    packets[i * PACKET_BYTES] = MSG_PUSH;
    packets[i * PACKET_BYTES + 1] = part.length;
    packets.set(part, i * PACKET_BYTES + 2);
  }
  return packets;
}
