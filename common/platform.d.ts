// The few globals that browsers and Node both have, declared for common/ alone: its
// tsconfig holds neither the DOM's nor Node's types, so nothing else can slip in.
// (The client and server programs see the full declarations of their own platform.)

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T };
declare function setTimeout(fn: () => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;
