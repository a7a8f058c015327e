import { describe, expect, it, vi } from "vitest";
import { parseRetryAfter, refreshDelayMs, Session, SignInError } from "./session";

const ORIGIN = "http://app.test";

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

function token(n: number, expiresIn = 900) {
  return json({ access_token: `token-${n}`, token_type: "bearer", expires_in: expiresIn, scope: "org:read" });
}

/** A fake server: answers the token endpoint from a script and API calls by bearer token. */
function harness(options: { tokenAnswers?: Array<() => Response | Promise<Response>>; validToken?: () => string | null } = {}) {
  const calls: Request[] = [];
  const timers: Array<{ callback: () => void; ms: number; cleared: boolean }> = [];
  const answers = [...(options.tokenAnswers ?? [])];
  let issued = 0;
  const fetch = vi.fn(async (request: Request) => {
    calls.push(request);
    const url = new URL(request.url);
    if (url.pathname === "/api/v1/auth/token") {
      const next = answers.shift();
      if (next) return next();
      issued += 1;
      return token(issued);
    }
    if (url.pathname === "/api/v1/auth/logout") return new Response(null, { status: 204 });
    const valid = options.validToken ? options.validToken() : `token-${issued}`;
    const auth = request.headers.get("Authorization");
    return auth === `Bearer ${valid}` ? json({ ok: true, auth }) : json({ title: "Unauthorised", status: 401 }, 401);
  });
  const session = new Session({
    fetch,
    origin: ORIGIN,
    setTimer: (callback, ms) => {
      const timer = { callback, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => {
      (timer as { cleared: boolean }).cleared = true;
    },
  });
  const tokenCalls = () => calls.filter((c) => c.url.endsWith("/api/v1/auth/token"));
  return { session, fetch, calls, timers, tokenCalls };
}

async function formOf(request: Request): Promise<URLSearchParams> {
  return new URLSearchParams(await request.clone().text());
}

describe("signing in", () => {
  it("uses the password grant with the cookie transport and keeps the token in memory", async () => {
    const { session, tokenCalls } = harness();
    await session.signIn("a@b.test", "secret-password");
    const form = await formOf(tokenCalls()[0]);
    expect(form.get("grant_type")).toBe("password");
    expect(form.get("username")).toBe("a@b.test");
    expect(form.get("token_transport")).toBe("cookie");
    expect(tokenCalls()[0].credentials).toBe("same-origin");
    expect(session.accessToken).toBe("token-1");
  });

  it("reports a wrong password as invalid_grant", async () => {
    const { session } = harness({ tokenAnswers: [() => json({ error: "invalid_grant", title: "Invalid grant", status: 400 }, 400)] });
    const error = await session.signIn("a@b.test", "wrong").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignInError);
    expect((error as SignInError).kind).toBe("invalid_grant");
    expect(session.signedIn).toBe(false);
  });

  it("reports a lock-out with the seconds from Retry-After", async () => {
    const { session } = harness({
      tokenAnswers: [() => json({ title: "Too many requests", status: 429 }, 429, { "Retry-After": "42" })],
    });
    const error = (await session.signIn("a@b.test", "x").catch((e: unknown) => e)) as SignInError;
    expect(error.kind).toBe("rate_limited");
    expect(error.retryAfter).toBe(42);
    expect(error.message).toBe("Too many attempts, try again in 42 seconds.");
  });

  it("reports an unreachable server", async () => {
    const session = new Session({ origin: ORIGIN, fetch: () => Promise.reject(new TypeError("offline")) });
    const error = (await session.signIn("a@b.test", "x").catch((e: unknown) => e)) as SignInError;
    expect(error.kind).toBe("network");
  });
});

describe("refreshing", () => {
  it("sends the refresh grant without a refresh_token field (the cookie carries it)", async () => {
    const { session, tokenCalls } = harness();
    expect(await session.refresh()).toBe(true);
    const form = await formOf(tokenCalls()[0]);
    expect(form.get("grant_type")).toBe("refresh_token");
    expect(form.has("refresh_token")).toBe(false);
    expect(form.get("token_transport")).toBe("cookie");
  });

  it("is single-flight: concurrent callers share one request", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { session, tokenCalls } = harness({ tokenAnswers: [async () => (await gate, token(7))] });
    const all = Promise.all([session.refresh(), session.refresh(), session.refresh()]);
    release();
    expect(await all).toEqual([true, true, true]);
    expect(tokenCalls()).toHaveLength(1);
    expect(session.accessToken).toBe("token-7");
    // Once settled, a later refresh is a new request.
    await session.refresh();
    expect(tokenCalls()).toHaveLength(2);
  });

  it("schedules the next refresh at 80% of the token's lifetime and replaces the old timer", async () => {
    const { session, timers, tokenCalls } = harness({ tokenAnswers: [() => token(1, 900), () => token(2, 600)] });
    await session.signIn("a@b.test", "pw");
    expect(timers).toHaveLength(1);
    expect(timers[0].ms).toBe(720_000);
    timers[0].callback();
    await vi.waitFor(() => expect(session.accessToken).toBe("token-2"));
    expect(tokenCalls()).toHaveLength(2);
    expect(timers[1].ms).toBe(480_000);
  });

  it("signs out when the refresh is refused, and tells listeners only if a session existed", async () => {
    const refused = () => json({ error: "invalid_grant", title: "Invalid grant", status: 400 }, 400);
    const { session, timers } = harness({ tokenAnswers: [() => token(1), refused, refused] });
    const ended = vi.fn();
    session.onEnded(ended);
    await session.signIn("a@b.test", "pw");
    expect(await session.refresh()).toBe(false);
    expect(session.signedIn).toBe(false);
    expect(timers[0].cleared).toBe(true);
    expect(ended).toHaveBeenCalledTimes(1);
    // A page load with no cookie: quietly signed out.
    expect(await session.refresh()).toBe(false);
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it("keeps the session and retries later when a refresh is rate-limited", async () => {
    const limited = () => json({ title: "Too many requests", status: 429 }, 429, { "Retry-After": "20" });
    const { session, timers, tokenCalls } = harness({ tokenAnswers: [() => token(1), limited, () => token(2)] });
    const ended = vi.fn();
    session.onEnded(ended);
    await session.signIn("a@b.test", "pw");
    expect(await session.refresh()).toBe(false);
    expect(session.accessToken).toBe("token-1");
    expect(ended).not.toHaveBeenCalled();
    expect(timers[0].cleared).toBe(true);
    expect(timers[1].ms).toBe(20_000);
    timers[1].callback();
    await vi.waitFor(() => expect(session.accessToken).toBe("token-2"));
    expect(tokenCalls()).toHaveLength(3);
  });

  it("treats a network failure during refresh as signed out", async () => {
    const { session } = harness({ tokenAnswers: [() => Promise.reject(new TypeError("offline"))] });
    expect(await session.refresh()).toBe(false);
  });
});

describe("API calls", () => {
  it("carry the bearer token", async () => {
    const { session } = harness();
    await session.signIn("a@b.test", "pw");
    const response = await session.fetch(new Request(`${ORIGIN}/api/v1/me`));
    expect(((await response.json()) as { auth: string }).auth).toBe("Bearer token-1");
  });

  it("refresh once on a 401 and retry once, body included", async () => {
    let valid = "token-1";
    const h = harness({ validToken: () => valid });
    await h.session.signIn("a@b.test", "pw");
    valid = "token-2"; // the server has moved on: token-1 is now refused
    const response = await h.session.fetch(
      new Request(`${ORIGIN}/api/v1/schools`, { method: "POST", body: JSON.stringify({ name: "X" }) }),
    );
    expect(response.status).toBe(200);
    expect(h.tokenCalls()).toHaveLength(2);
    const retried = h.calls.filter((c) => c.url.endsWith("/api/v1/schools"));
    expect(retried).toHaveLength(2);
    expect(await retried[1].text()).toBe('{"name":"X"}');
  });

  it("do not loop: a second 401 after the retry is returned as it is", async () => {
    const h = harness({ validToken: () => "never" });
    await h.session.signIn("a@b.test", "pw");
    const response = await h.session.fetch(new Request(`${ORIGIN}/api/v1/me`));
    expect(response.status).toBe(401);
    expect(h.calls.filter((c) => c.url.endsWith("/api/v1/me"))).toHaveLength(2);
    expect(h.tokenCalls()).toHaveLength(2);
  });

  it("share one refresh when several calls get a 401 at once", async () => {
    let valid = "token-1";
    const h = harness({ validToken: () => valid });
    await h.session.signIn("a@b.test", "pw");
    valid = "token-2";
    const responses = await Promise.all(
      [1, 2, 3].map(() => h.session.fetch(new Request(`${ORIGIN}/api/v1/me`))),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(h.tokenCalls()).toHaveLength(2); // sign-in + one refresh
  });

  it("end the session when the refresh after a 401 fails", async () => {
    const h = harness({
      validToken: () => "never",
      tokenAnswers: [() => token(1), () => json({ error: "invalid_grant", title: "x", status: 400 }, 400)],
    });
    const ended = vi.fn();
    h.session.onEnded(ended);
    await h.session.signIn("a@b.test", "pw");
    const response = await h.session.fetch(new Request(`${ORIGIN}/api/v1/me`));
    expect(response.status).toBe(401);
    expect(h.session.signedIn).toBe(false);
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it("without a session, a 401 is returned without trying to refresh", async () => {
    const h = harness();
    const response = await h.session.fetch(new Request(`${ORIGIN}/api/v1/me`));
    expect(response.status).toBe(401);
    expect(h.tokenCalls()).toHaveLength(0);
  });
});

describe("signing out", () => {
  it("revokes on the server with the bearer token and forgets the token", async () => {
    const h = harness();
    await h.session.signIn("a@b.test", "pw");
    await h.session.signOut();
    const logout = h.calls.find((c) => c.url.endsWith("/api/v1/auth/logout"))!;
    expect(logout.method).toBe("POST");
    expect(logout.headers.get("Authorization")).toBe("Bearer token-1");
    expect(h.session.signedIn).toBe(false);
    expect(h.timers[0].cleared).toBe(true);
  });
});

describe("helpers", () => {
  it("parse Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("30")).toBe(30);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("Thu, 01 Jan 1970 00:01:00 GMT", 0)).toBe(60);
    expect(parseRetryAfter("soon")).toBeNull();
  });

  it("refresh at 80% of the lifetime, never sooner than a second", () => {
    expect(refreshDelayMs(900)).toBe(720_000);
    expect(refreshDelayMs(0)).toBe(1000);
  });
});
