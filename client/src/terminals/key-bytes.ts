// What the phone's key row sends: the bytes of Esc, Tab and the arrows, and what a held Ctrl
// makes of the next key typed.

export type PhoneKey = 'ctrl' | 'esc' | 'tab' | 'up' | 'down' | 'left' | 'right';

export const PHONE_KEYS: readonly PhoneKey[] = ['ctrl', 'esc', 'tab', 'left', 'up', 'down', 'right'];

const ARROWS = { up: 'A', down: 'B', right: 'C', left: 'D' } as const;

/** The bytes a key sends; the arrows as the program asked (application cursor keys or not). */
export function keyBytes(key: Exclude<PhoneKey, 'ctrl'>, applicationCursor: boolean): string {
  if (key === 'esc') return '\x1b';
  if (key === 'tab') return '\t';
  return (applicationCursor ? '\x1bO' : '\x1b[') + ARROWS[key];
}

/** What Ctrl makes of a typed key: Ctrl-C is 0x03; a key Ctrl cannot change goes as typed. */
export function withCtrl(data: string): string {
  if (data.length !== 1) return data;
  const code = data.toUpperCase().charCodeAt(0);
  if (code >= 0x40 && code <= 0x5f) return String.fromCharCode(code & 0x1f);
  if (data === ' ' || data === '2') return '\x00';
  if (data === '?') return '\x7f';
  return data;
}
