// The terminal wire protocol, shared by the browser and the server.
//
// Every WebSocket message is a binary frame: one type byte, then a payload.
// Terminal bytes travel raw (never as text) so a UTF-8 sequence split across two
// chunks is reassembled by xterm.js instead of failing the connection. Control
// payloads (resize, status, exit, error) are small UTF-8 JSON documents.
// See docs/protocol.md for the full description.

/** Bumped on any incompatible change; carried in the WebSocket subprotocol name. */
export const PROTOCOL_VERSION = 1;

/** The subprotocol a terminal WebSocket must offer (and the server selects). */
export const TERMINAL_SUBPROTOCOL = `playground.terminal.v${PROTOCOL_VERSION}`;

/**
 * The session token rides in a second offered subprotocol, so it is checked in the
 * HTTP upgrade handler and never appears in URLs or access logs.
 */
export const TOKEN_SUBPROTOCOL_PREFIX = 'playground.token.';

/** Largest frame the server accepts from a browser (a big paste is sent in many frames). */
export const MAX_CLIENT_FRAME_BYTES = 64 * 1024;

/** First byte of a frame sent by the browser. */
export const ClientMessageType = {
  /** Keystrokes or pasted text, raw bytes. */
  Input: 0x30,
  /** JSON {cols, rows}: the pane's size in character cells. */
  Resize: 0x31,
  /** Flow control: a uint32 (big endian) count of output bytes rendered since the previous Ack. */
  Ack: 0x32,
  /** No payload: the learner closed this pane on purpose; end the shell and all it started. */
  Close: 0x33,
} as const;

/** First byte of a frame sent by the server. */
export const ServerMessageType = {
  /** Terminal output, raw bytes. */
  Output: 0x40,
  /** JSON TerminalStatus: what the terminal is doing now. */
  Status: 0x41,
  /** JSON {code}: the shell ended. */
  Exit: 0x42,
  /** JSON {message}: something went wrong; the message is meant for the learner. */
  Error: 0x43,
  /** JSON {title}: the shell set the window title (OSC 0 or 2). */
  Title: 0x44,
  /** JSON WatchState: to a read-only watcher only, its terminal's size and whether it may type. */
  Watch: 0x45,
} as const;

/** WebSocket close codes the server uses, each with a human reason string. */
export const CloseCode = {
  Normal: 1000,
  BadMessage: 4400,
  BadToken: 4401,
  ForeignOrigin: 4403,
  UnknownSession: 4404,
  /** Another socket opened the same pane (a second tab); this one gave way. */
  TakenOver: 4409,
  /** A watched terminal: the learner stopped the trainer's view; do not reconnect. */
  WatchStopped: 4411,
  TooManyTerminals: 4429,
  SandboxGone: 4410,
  BackendFailed: 4500,
} as const;

/**
 * A pane's identity, made by the browser and sent as `&pane=`: a socket with the id of a
 * live pane reattaches to its shell instead of starting a new one.
 */
export const PANE_ID_PATTERN = /^[a-z0-9]{6,32}$/;

/** A fresh random pane id (browser and Node both have Web Crypto). */
export function newPaneId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}

/**
 * The id of a session's first pane in `language`: the browser names its first pane so, and
 * a ready seat's shell is started ahead under that name, so the first pane attaches to a
 * running shell instead of starting one. Not a secret: a socket needs the session's token.
 */
export function firstPaneId(sessionId: string, language: string): string {
  return `${sessionId}${language}`
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 32)
    .padEnd(6, '0');
}

/** Longest window title passed on; a shell can set any length. */
export const MAX_TITLE_LENGTH = 256;

export interface TerminalSize {
  cols: number;
  rows: number;
}

/** Bounds that keep a nonsense size from reaching the shell. */
export const TERMINAL_SIZE_LIMITS = { minCols: 2, maxCols: 1000, minRows: 1, maxRows: 500 } as const;

/**
 * The shell's state as the server sees it, sent in Status frames. A browser pane shows more
 * than this (its socket and the network too): its own state machine takes these frames in.
 */
export type TerminalState = 'connecting' | 'ready' | 'exited';

export interface TerminalStatus {
  state: TerminalState;
  /** Which sandbox host the shell runs on, e.g. "docker". */
  host: string;
  /**
   * With state "ready": "new" for a fresh shell, "reattached" for a live one. A reattached
   * shell's screen follows at once as output: clear the terminal before writing it.
   */
  attach?: 'new' | 'reattached';
}

/**
 * What a watcher (a trainer watching a learner's terminal, a learner following the trainer's
 * demo) is told after its ready status, and again whenever it changes. A watcher never sizes
 * the terminal: it draws the owner's size.
 */
export interface WatchState {
  cols: number;
  rows: number;
  /** Whether this watcher's input reaches the shell now (the learner let the trainer type). */
  mayType: boolean;
}

export type ClientMessage =
  | { type: 'input'; data: Uint8Array }
  | { type: 'resize'; size: TerminalSize }
  | { type: 'ack'; bytes: number }
  | { type: 'close' };

export type ServerMessage =
  | { type: 'output'; data: Uint8Array }
  | { type: 'status'; status: TerminalStatus }
  | { type: 'exit'; code: number | null }
  | { type: 'error'; message: string }
  | { type: 'title'; title: string }
  | { type: 'watch'; watch: WatchState };

/** Raised for a frame that does not follow the protocol. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder('utf-8', { fatal: true });

function frame(type: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(payload.length + 1);
  out[0] = type;
  out.set(payload, 1);
  return out;
}

function jsonFrame(type: number, value: unknown): Uint8Array {
  return frame(type, textEncoder.encode(JSON.stringify(value)));
}

function parseJson(payload: Uint8Array): unknown {
  try {
    return JSON.parse(textDecoder.decode(payload));
  } catch {
    throw new ProtocolError('control message is not valid UTF-8 JSON');
  }
}

/** Clamps a size into TERMINAL_SIZE_LIMITS; rejects values that are not numbers at all. */
export function clampSize(value: unknown): TerminalSize {
  const v = value as Partial<TerminalSize> | null;
  if (
    !v ||
    typeof v.cols !== 'number' ||
    typeof v.rows !== 'number' ||
    !isFinite(v.cols) ||
    !isFinite(v.rows)
  ) {
    throw new ProtocolError('resize needs numeric cols and rows');
  }
  const L = TERMINAL_SIZE_LIMITS;
  return {
    cols: Math.min(L.maxCols, Math.max(L.minCols, Math.round(v.cols))),
    rows: Math.min(L.maxRows, Math.max(L.minRows, Math.round(v.rows))),
  };
}

export const encodeClientMessage = (msg: ClientMessage): Uint8Array => {
  switch (msg.type) {
    case 'input':
      return frame(ClientMessageType.Input, msg.data);
    case 'resize':
      return jsonFrame(ClientMessageType.Resize, msg.size);
    case 'ack': {
      const payload = new Uint8Array(4);
      new DataView(payload.buffer).setUint32(0, msg.bytes >>> 0);
      return frame(ClientMessageType.Ack, payload);
    }
    case 'close':
      return frame(ClientMessageType.Close, new Uint8Array(0));
  }
};

export function decodeClientMessage(bytes: Uint8Array): ClientMessage {
  if (bytes.length === 0) throw new ProtocolError('empty frame');
  if (bytes.length > MAX_CLIENT_FRAME_BYTES) throw new ProtocolError('frame too large');
  const payload = bytes.subarray(1);
  switch (bytes[0]) {
    case ClientMessageType.Input:
      return { type: 'input', data: payload };
    case ClientMessageType.Resize:
      return { type: 'resize', size: clampSize(parseJson(payload)) };
    case ClientMessageType.Ack:
      if (payload.length !== 4) throw new ProtocolError('ack needs a 4-byte count');
      return {
        type: 'ack',
        bytes: new DataView(payload.buffer, payload.byteOffset, 4).getUint32(0),
      };
    case ClientMessageType.Close:
      if (payload.length !== 0) throw new ProtocolError('close has no payload');
      return { type: 'close' };
    default:
      throw new ProtocolError(`unknown client message type 0x${bytes[0]!.toString(16)}`);
  }
}

export const encodeServerMessage = (msg: ServerMessage): Uint8Array => {
  switch (msg.type) {
    case 'output':
      return frame(ServerMessageType.Output, msg.data);
    case 'status':
      return jsonFrame(ServerMessageType.Status, msg.status);
    case 'exit':
      return jsonFrame(ServerMessageType.Exit, { code: msg.code });
    case 'error':
      return jsonFrame(ServerMessageType.Error, { message: msg.message });
    case 'title':
      return jsonFrame(ServerMessageType.Title, { title: msg.title });
    case 'watch':
      return jsonFrame(ServerMessageType.Watch, msg.watch);
  }
};

export function decodeServerMessage(bytes: Uint8Array): ServerMessage {
  if (bytes.length === 0) throw new ProtocolError('empty frame');
  const payload = bytes.subarray(1);
  switch (bytes[0]) {
    case ServerMessageType.Output:
      return { type: 'output', data: payload };
    case ServerMessageType.Status:
      return { type: 'status', status: parseJson(payload) as TerminalStatus };
    case ServerMessageType.Exit:
      return { type: 'exit', code: (parseJson(payload) as { code: number | null }).code };
    case ServerMessageType.Error:
      return { type: 'error', message: String((parseJson(payload) as { message: unknown }).message) };
    case ServerMessageType.Title:
      return { type: 'title', title: String((parseJson(payload) as { title: unknown }).title) };
    case ServerMessageType.Watch:
      return { type: 'watch', watch: parseWatchState(parseJson(payload)) };
    default:
      throw new ProtocolError(`unknown server message type 0x${bytes[0]!.toString(16)}`);
  }
}

function parseWatchState(value: unknown): WatchState {
  const v = value as Partial<WatchState> | null;
  return { ...clampSize(v), mayType: v?.mayType === true };
}
