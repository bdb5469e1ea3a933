/**
 * The signed-in session: the token pair, kept in memory and (the refresh token only) in
 * localStorage so a reload keeps the person signed in.
 *
 * Refresh tokens are single-use on the server (rotation: a used one kills the whole session),
 * so two refreshes must never race. `refresh()` is single-flight: every caller during a refresh
 * waits for the same promise. Another tab that rotated the pair tells us through the `storage` event.
 */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token stops working. */
  expiresAt: number;
  /** How long it was valid for when issued (ms). */
  lifetimeMs?: number;
}

export type RefreshFn = (refreshToken: string) => Promise<{ accessToken: string; refreshToken: string; expiresIn: number } | 'invalid'>;

type Listener = (tokens: TokenPair | null) => void;

const STORAGE_KEY = 'hearth.session';
/** Refresh this long before expiry so a request never leaves with a token about to die. */
const EARLY_MS = 60_000;

export class Session {
  private tokens: TokenPair | null = null;
  private inflight: Promise<string | null> | null = null;
  private listeners = new Set<Listener>();

  constructor(
    private readonly doRefresh: RefreshFn,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null = safeLocalStorage(),
    private readonly now: () => number = Date.now,
  ) {
    const saved = this.storage?.getItem(STORAGE_KEY);
    if (saved) {
      try {
        const parsed = JSON.parse(saved) as TokenPair;
        if (typeof parsed.refreshToken === 'string') this.tokens = parsed;
      } catch {
        this.storage?.removeItem(STORAGE_KEY);
      }
    }
  }

  get current(): TokenPair | null {
    return this.tokens;
  }

  get signedIn(): boolean {
    return this.tokens !== null;
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  set(pair: { accessToken: string; refreshToken: string; expiresIn: number } | null): void {
    this.tokens = pair
      ? { accessToken: pair.accessToken, refreshToken: pair.refreshToken, expiresAt: this.now() + pair.expiresIn * 1000, lifetimeMs: pair.expiresIn * 1000 }
      : null;
    if (this.tokens) this.storage?.setItem(STORAGE_KEY, JSON.stringify(this.tokens));
    else this.storage?.removeItem(STORAGE_KEY);
    for (const fn of this.listeners) fn(this.tokens);
  }

  /** Another tab wrote a new pair (or signed out): take it instead of refreshing ourselves. */
  adoptStored(raw: string | null): void {
    if (raw === null) {
      if (this.tokens) this.set(null);
      return;
    }
    try {
      const parsed = JSON.parse(raw) as TokenPair;
      this.tokens = parsed;
      for (const fn of this.listeners) fn(this.tokens);
    } catch {
      /* ignore a value we did not write */
    }
  }

  /** An access token good for at least a minute, refreshing first when needed; null when signed out. */
  async accessToken(): Promise<string | null> {
    const t = this.tokens;
    if (!t) return null;
    // A minute early, or a quarter of the lifetime for short-lived tokens.
    const early = Math.min(EARLY_MS, (t.lifetimeMs ?? Infinity) / 4);
    if (t.expiresAt - this.now() > early && t.accessToken) return t.accessToken;
    return this.refresh();
  }

  /** Single-flight refresh. Resolves to the new access token, or null when the session is over. */
  refresh(): Promise<string | null> {
    if (this.inflight) return this.inflight;
    const t = this.tokens;
    if (!t) return Promise.resolve(null);
    this.inflight = (async () => {
      try {
        const res = await this.doRefresh(t.refreshToken);
        if (res === 'invalid') {
          // The refresh token is spent or the session was ended (password change, sign-out everywhere).
          if (this.tokens?.refreshToken === t.refreshToken) this.set(null);
          return this.tokens?.accessToken ?? null;
        }
        this.set(res);
        return res.accessToken;
      } finally {
        this.inflight = null;
      }
    })();
    return this.inflight;
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export const SESSION_STORAGE_KEY = STORAGE_KEY;
