/** Who is signed in, for the whole app: the session, the person (/me) and the school in view. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, session, unwrap, type Me, type Role } from "../api/client";

export type AuthStatus = "loading" | "signed-out" | "signed-in";

export interface SchoolRole {
  schoolId: string;
  schoolName: string;
  roles: Role[];
}

interface AuthValue {
  status: AuthStatus;
  me: Me | null;
  /** Why the person is looking at the sign-in page, if not by choice. */
  notice: string | null;
  /** Whether signing in should return to the page the person was on: yes after an expired
   * session or a deep link, no after someone chose to sign out (the next person to sign in on
   * a shared computer starts at home, not on the last person's page). */
  keepPlace: boolean;
  signIn: (email: string, password: string) => Promise<Me>;
  /** Ends the session; `notice` replaces the usual "You have signed out." */
  signOut: (notice?: string) => Promise<void>;
  /** After a password change the server ends every session; this signs in again. */
  reloadMe: () => Promise<Me>;
  /** Takes up a session the server has just started in the refresh cookie (an invitation link). */
  adoptSession: () => Promise<Me>;
  /** The schools the person holds roles at. */
  schools: SchoolRole[];
  currentSchool: SchoolRole | null;
  setCurrentSchoolId: (id: string) => void;
  has: (scope: string) => boolean;
  isTrustAdmin: boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

export function schoolsOf(me: Me | null): SchoolRole[] {
  const bySchool = new Map<string, SchoolRole>();
  for (const grant of me?.roles ?? []) {
    if (!grant.school_id) continue;
    const entry = bySchool.get(grant.school_id) ?? {
      schoolId: grant.school_id,
      schoolName: grant.school_name ?? "Unnamed school",
      roles: [],
    };
    if (!entry.roles.includes(grant.role)) entry.roles.push(grant.role);
    bySchool.set(grant.school_id, entry);
  }
  return [...bySchool.values()].sort((a, b) => a.schoolName.localeCompare(b.schoolName));
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus>("loading");
  const [me, setMe] = useState<Me | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [keepPlace, setKeepPlace] = useState(true);
  const [currentSchoolId, setCurrentSchoolId] = useState<string | null>(null);

  const loadMe = useCallback(async () => {
    const person = await unwrap(api.GET("/api/v1/me"));
    setMe(person);
    setStatus("signed-in");
    setNotice(null);
    setKeepPlace(true);
    return person;
  }, []);

  useEffect(() => {
    const stop = session.onEnded(() => {
      setMe(null);
      setStatus("signed-out");
      setNotice("Your session has expired. Sign in again to carry on.");
    });
    let cancelled = false;
    // A page load: the refresh cookie may still hold a session.
    session
      .refresh()
      .then(async (ok) => {
        if (cancelled) return;
        if (!ok) {
          setStatus("signed-out");
          return;
        }
        await loadMe();
      })
      .catch(() => {
        if (!cancelled) setStatus("signed-out");
      });
    return () => {
      cancelled = true;
      stop();
    };
  }, [loadMe]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      await session.signIn(email, password);
      return loadMe();
    },
    [loadMe],
  );

  const adoptSession = useCallback(async () => {
    session.clear();
    if (!(await session.refresh())) throw new Error("The new session could not be taken up.");
    return loadMe();
  }, [loadMe]);

  const signOut = useCallback(async (message = "You have signed out.") => {
    await session.signOut();
    setMe(null);
    setCurrentSchoolId(null);
    setStatus("signed-out");
    setNotice(message);
    setKeepPlace(false);
  }, []);

  const value = useMemo<AuthValue>(() => {
    const schools = schoolsOf(me);
    const currentSchool = schools.find((s) => s.schoolId === currentSchoolId) ?? schools[0] ?? null;
    const scopes = new Set(me?.scopes ?? []);
    return {
      status,
      keepPlace,
      me,
      notice,
      signIn,
      signOut,
      reloadMe: loadMe,
      adoptSession,
      schools,
      currentSchool,
      setCurrentSchoolId,
      has: (scope) => scopes.has(scope),
      isTrustAdmin: (me?.roles ?? []).some((r) => r.role === "trust_admin"),
    };
  }, [status, me, notice, keepPlace, signIn, signOut, loadMe, adoptSession, currentSchoolId]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error("useAuth needs an AuthProvider");
  return value;
}
