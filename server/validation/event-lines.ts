// Reads `docker events --format '{{json .}}'` output, one JSON event per line. The output
// comes from a sandbox (see sandbox-exec.ts: hostile), so each byte is looked at once, a line
// is kept only up to EVENT_LINE_MAX_BYTES (a longer one is skipped as it streams past), and
// a line that is not an event is counted and skipped.
import { EVENT_LINE_MAX_BYTES } from './sandbox-limits.js';

/** One line of `docker events --format '{{json .}}'`. */
export interface DockerEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  time: number;
  timeNano?: number;
}

export interface EventLineStats {
  events: number;
  /** Lines longer than the bound, skipped unread. */
  tooLong: number;
  /** Lines that are not a JSON event (a warning from the CLI, a broken line). */
  skipped: number;
  /** Bytes looked at in all: as many as were pushed, whatever their chunking. */
  scanned: number;
}

const NEWLINE = 0x0a;

export class EventLineReader {
  readonly stats: EventLineStats = { events: 0, tooLong: 0, skipped: 0, scanned: 0 };
  /** The start of the line not yet ended, in pieces (joined once, when it ends). */
  private pieces: Buffer[] = [];
  private pieceBytes = 0;
  /** Inside a line already too long: the rest of it is passed over. */
  private skipping = false;

  constructor(
    private readonly onEvent: (event: DockerEvent) => void,
    private readonly maxLineBytes = EVENT_LINE_MAX_BYTES,
  ) {}

  /** Bytes held for the line not yet ended (never more than the bound). */
  get heldBytes(): number {
    return this.pieceBytes;
  }

  push(chunk: Buffer | string): void {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.stats.scanned += data.length;
    let start = 0;
    for (;;) {
      const newline = data.indexOf(NEWLINE, start);
      if (newline < 0) {
        this.hold(data.subarray(start));
        return;
      }
      this.hold(data.subarray(start, newline));
      this.endLine();
      start = newline + 1;
    }
  }

  private hold(piece: Buffer): void {
    if (this.skipping || piece.length === 0) return;
    if (this.pieceBytes + piece.length > this.maxLineBytes) {
      this.skipping = true;
      this.stats.tooLong++;
      this.pieces = [];
      this.pieceBytes = 0;
      return;
    }
    // A copy, so a small piece does not keep its whole chunk alive.
    this.pieces.push(Buffer.from(piece));
    this.pieceBytes += piece.length;
  }

  private endLine(): void {
    if (this.skipping) {
      this.skipping = false;
      return;
    }
    const line = (this.pieces.length === 1 ? this.pieces[0]! : Buffer.concat(this.pieces)).toString().trim();
    this.pieces = [];
    this.pieceBytes = 0;
    if (line === '') return;
    const event = parseEvent(line);
    if (!event) {
      this.stats.skipped++;
      return;
    }
    this.stats.events++;
    this.onEvent(event);
  }
}

function parseEvent(line: string): DockerEvent | null {
  if (!line.startsWith('{')) return null;
  try {
    const event = JSON.parse(line) as DockerEvent | null;
    if (typeof event?.Type === 'string' && typeof event.Action === 'string') return event;
  } catch {
    // Not an event line.
  }
  return null;
}

/** Splits a byte stream into lines and parses each one as an event; other lines are ignored. */
export function eventLineParser(onEvent: (event: DockerEvent) => void): (chunk: Buffer | string) => void {
  const reader = new EventLineReader(onEvent);
  return (chunk) => reader.push(chunk);
}
