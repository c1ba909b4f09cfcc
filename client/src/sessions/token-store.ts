// Session keys kept in localStorage, so a reload reconnects to the same sandbox while it
// is alive. One entry per session; `current` says which one this browser is using.

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface StoredSession {
  id: string;
  token: string;
  /** ISO time after which the server has removed the sandbox anyway. */
  expiresAt: string;
  /** The lesson the session was started for; absent for free play. */
  lessonId?: string;
}

const KEY = 'docker-playground.sessions.v1';

interface Stored {
  current: string | null;
  sessions: Record<string, { token: string; expiresAt: string; lessonId?: string }>;
}

export class TokenStore {
  constructor(
    private readonly storage: StorageLike | null,
    private readonly now: () => number = Date.now,
  ) {}

  /** The session this browser last used, unless it has expired. */
  current(): StoredSession | null {
    const data = this.read();
    const id = data.current;
    if (!id) return null;
    const entry = data.sessions[id];
    if (!entry || this.expired(entry.expiresAt)) return null;
    return { id, token: entry.token, expiresAt: entry.expiresAt, ...lessonOf(entry) };
  }

  /** Remembers a session and makes it the current one; drops expired entries. */
  save(session: StoredSession): void {
    const data = this.read();
    data.sessions[session.id] = { token: session.token, expiresAt: session.expiresAt, ...lessonOf(session) };
    data.current = session.id;
    this.write(data);
  }

  /** Updates the expiry of a known session (the server may extend it). */
  touch(id: string, expiresAt: string): void {
    const data = this.read();
    const entry = data.sessions[id];
    if (!entry || entry.expiresAt === expiresAt) return;
    entry.expiresAt = expiresAt;
    this.write(data);
  }

  forget(id: string): void {
    const data = this.read();
    delete data.sessions[id];
    if (data.current === id) data.current = null;
    this.write(data);
  }

  private expired(expiresAt: string): boolean {
    const t = Date.parse(expiresAt);
    return Number.isFinite(t) && t <= this.now();
  }

  private read(): Stored {
    const empty: Stored = { current: null, sessions: {} };
    if (!this.storage) return empty;
    let raw: string | null = null;
    try {
      raw = this.storage.getItem(KEY);
    } catch {
      return empty;
    }
    if (!raw) return empty;
    try {
      const parsed = JSON.parse(raw) as Partial<Stored>;
      const sessions: Stored['sessions'] = {};
      if (parsed.sessions && typeof parsed.sessions === 'object') {
        for (const [id, v] of Object.entries(parsed.sessions)) {
          if (v && typeof v.token === 'string' && typeof v.expiresAt === 'string') {
            sessions[id] = { token: v.token, expiresAt: v.expiresAt, ...lessonOf(v) };
          }
        }
      }
      const current = typeof parsed.current === 'string' ? parsed.current : null;
      return { current, sessions };
    } catch {
      return empty;
    }
  }

  private write(data: Stored): void {
    if (!this.storage) return;
    for (const [id, v] of Object.entries(data.sessions)) {
      if (this.expired(v.expiresAt)) delete data.sessions[id];
    }
    if (data.current && !data.sessions[data.current]) data.current = null;
    try {
      if (Object.keys(data.sessions).length === 0) this.storage.removeItem(KEY);
      else this.storage.setItem(KEY, JSON.stringify(data));
    } catch {
      // Storage full or disabled: the session still works until the page is reloaded.
    }
  }
}

const lessonOf = (v: { lessonId?: unknown }) =>
  typeof v.lessonId === 'string' && v.lessonId ? { lessonId: v.lessonId } : {};

/** The page's localStorage, or null where it is unavailable (some private modes). */
export function browserStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
