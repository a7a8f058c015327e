/**
 * The browser session: the access token lives in memory only; the refresh token is an
 * httpOnly cookie the app never sees. Refreshes are single-flight (the server revokes a whole
 * token family when a spent refresh token is presented twice), scheduled before expiry, and
 * tried once when the API answers 401.
 */
import type { components } from "../api/schema";

type TokenResponse = components["schemas"]["TokenResponse"];

export const TOKEN_URL = "/api/v1/auth/token";
export const LOGOUT_URL = "/api/v1/auth/logout";

/** Refresh when this share of the token's lifetime has passed. */
export const REFRESH_AT = 0.8;

export type SignInFailure = "invalid_grant" | "rate_limited" | "network" | "server";

export class SignInError extends Error {
  readonly kind: SignInFailure;
  readonly retryAfter: number | null;

  constructor(kind: SignInFailure, message: string, retryAfter: number | null = null) {
    super(message);
    this.name = "SignInError";
    this.kind = kind;
    this.retryAfter = retryAfter;
  }
}

/** Why the session ended without the person asking: the refresh grant was refused. */
export type SessionEndListener = () => void;

type Timer = unknown;

export interface SessionOptions {
  fetch?: (input: Request) => Promise<Response>;
  /** Origin for the token and sign-out URLs; the page's own origin in the browser. */
  origin?: string;
  setTimer?: (callback: () => void, ms: number) => Timer;
  clearTimer?: (timer: Timer) => void;
}

/** Seconds to wait, from a Retry-After header (seconds or an HTTP date). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
  const when = Date.parse(value);
  if (Number.isNaN(when)) return null;
  return Math.max(1, Math.ceil((when - now) / 1000));
}

export function refreshDelayMs(expiresIn: number): number {
  return Math.max(1000, Math.floor(expiresIn * REFRESH_AT * 1000));
}

export class Session {
  private token: string | null = null;
  private timer: Timer | null = null;
  private inflight: Promise<boolean> | null = null;
  private readonly listeners = new Set<SessionEndListener>();
  private readonly doFetch: (input: Request) => Promise<Response>;
  private readonly origin: string;
  private readonly setTimer: (callback: () => void, ms: number) => Timer;
  private readonly clearTimer: (timer: Timer) => void;

  constructor(options: SessionOptions = {}) {
    this.doFetch = options.fetch ?? ((input) => globalThis.fetch(input));
    this.origin = options.origin ?? globalThis.location?.origin ?? "http://localhost";
    this.setTimer = options.setTimer ?? ((callback, ms) => globalThis.setTimeout(callback, ms));
    this.clearTimer =
      options.clearTimer ?? ((timer) => globalThis.clearTimeout(timer as ReturnType<typeof setTimeout>));
  }

  get accessToken(): string | null {
    return this.token;
  }

  get signedIn(): boolean {
    return this.token !== null;
  }

  /** Called when a session ends because it could not be refreshed. Returns an unsubscribe. */
  onEnded(listener: SessionEndListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async signIn(email: string, password: string): Promise<void> {
    let response: Response;
    try {
      response = await this.postToken({ grant_type: "password", username: email, password });
    } catch {
      throw new SignInError("network", "MentorHub could not be reached. Check your connection and try again.");
    }
    if (response.ok) {
      this.accept((await response.json()) as TokenResponse);
      return;
    }
    if (response.status === 429) {
      const seconds = parseRetryAfter(response.headers.get("Retry-After")) ?? 60;
      throw new SignInError(
        "rate_limited",
        `Too many attempts, try again in ${seconds} second${seconds === 1 ? "" : "s"}.`,
        seconds,
      );
    }
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    if (body?.error === "invalid_grant") {
      throw new SignInError("invalid_grant", "The email address or password is not right.");
    }
    throw new SignInError("server", "Signing in did not work. Try again in a moment.");
  }

  /**
   * Exchanges the refresh cookie for a new access token. Concurrent callers share one request.
   * Resolves false (and ends the session) when the server refuses.
   */
  refresh(): Promise<boolean> {
    if (!this.inflight) {
      this.inflight = this.runRefresh().finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  async signOut(): Promise<void> {
    const token = this.token;
    this.clear();
    if (!token) return;
    try {
      await this.doFetch(
        new Request(this.origin + LOGOUT_URL, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}` },
          credentials: "same-origin",
        }),
      );
    } catch {
      // The access token is gone from memory either way; the cookie expires on its own.
    }
  }

  /** Forgets the token without telling the server (after a password change, for instance). */
  clear(): void {
    this.token = null;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
  }

  /** fetch for API calls: adds the bearer token; on 401 refreshes once and retries once. */
  readonly fetch = async (request: Request): Promise<Response> => {
    if (this.inflight) await this.inflight;
    const retry = request.clone();
    const used = this.token;
    const response = await this.doFetch(this.authorise(request));
    if (response.status !== 401 || used === null) return response;
    // Another call may already have refreshed while this one was in flight.
    const refreshed = this.token !== null && this.token !== used ? true : await this.refresh();
    if (!refreshed) return response;
    return this.doFetch(this.authorise(retry));
  };

  private authorise(request: Request): Request {
    if (this.token) request.headers.set("Authorization", `Bearer ${this.token}`);
    return request;
  }

  private async runRefresh(): Promise<boolean> {
    const hadSession = this.token !== null;
    let ok = false;
    try {
      const response = await this.postToken({ grant_type: "refresh_token" });
      if (response.ok) {
        this.accept((await response.json()) as TokenResponse);
        ok = true;
      } else if (response.status === 429 && hadSession) {
        // Rate-limited, not refused: the cookie is still good, so keep the session and try
        // again when the server says; the current access token may still have time left.
        const seconds = parseRetryAfter(response.headers.get("Retry-After")) ?? 30;
        this.schedule(seconds * 1000);
        return false;
      }
    } catch {
      ok = false;
    }
    if (!ok) {
      this.clear();
      if (hadSession) this.listeners.forEach((listener) => listener());
    }
    return ok;
  }

  private postToken(fields: Record<string, string>): Promise<Response> {
    const body = new URLSearchParams({ ...fields, token_transport: "cookie" });
    return this.doFetch(
      new Request(this.origin + TOKEN_URL, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
        body,
        credentials: "same-origin",
      }),
    );
  }

  private accept(token: TokenResponse): void {
    this.token = token.access_token;
    this.schedule(refreshDelayMs(token.expires_in));
  }

  private schedule(ms: number): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = this.setTimer(() => {
      this.timer = null;
      void this.refresh();
    }, ms);
  }
}
