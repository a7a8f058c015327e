/** The shell: skip link, header with the school switcher, navigation, main and footer. */
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Link, NavLink, useLocation, useNavigate } from "react-router";
import { useAuth } from "../auth/AuthContext";
import { ROLE_LABELS } from "../lib/labels";
import { hasCalendar, isMentorOrMentee, readsCoverage } from "../lib/mentoring";

interface NavItem {
  to: string;
  label: string;
  /** Other paths that belong to this item (a lead's term dates live under /schools/...). */
  also?: RegExp;
}

const MENTORING_PAGES = /^\/(pairings|meetings)\//;

export function useNavItems(): NavItem[] {
  const { has, isTrustAdmin, me } = useAuth();
  const items: NavItem[] = [{ to: "/", label: "Home" }];
  const pairedUp = isMentorOrMentee(me) && has("mentoring:read");
  if (pairedUp) items.push({ to: "/my-week", label: "My week", also: MENTORING_PAGES });
  if (has("observations:view")) items.push({ to: "/observations", label: "Observations" });
  if (has("observations:write")) items.push({ to: "/targets", label: "Targets" });
  if (has("observations:view") && readsCoverage(me)) items.push({ to: "/coverage", label: "Coverage" });
  if (has("resources:read")) items.push({ to: "/resources", label: "Resources", also: /^\/resources\// });
  if (has("wellbeing:write")) items.push({ to: "/wellbeing", label: "Wellbeing", also: /^\/wellbeing\// });
  if (has("supervision:read")) items.push({ to: "/supervision", label: "Supervision", also: /^\/supervision\// });
  if (has("training:read")) items.push({ to: "/training", label: "Training", also: /^\/training\/items\// });
  if (has("training:manage")) items.push({ to: "/training/cover", label: "Cover", also: /^\/training\/cover\// });
  const mentors = (me?.roles ?? []).some((r) => r.role === "mentor");
  if (has("training:manage")) items.push({ to: "/training/records", label: "Mentor training", also: /^\/training\/records\// });
  else if (has("training:write") && mentors && me) items.push({ to: `/training/records/${me.id}`, label: "My training" });
  const networked = (me?.roles ?? []).some((r) => r.role === "mentor" || r.role === "school_lead");
  if (networked && has("mentoring:read")) items.push({ to: "/network", label: "Network" });
  if (has("mentoring:write")) items.push({ to: "/mentoring", label: "Mentoring", also: pairedUp ? undefined : MENTORING_PAGES });
  if (has("entitlements:adopt")) items.push({ to: "/entitlements", label: "Entitlements", also: /^\/entitlements\// });
  else if (pairedUp && has("entitlements:read")) items.push({ to: "/my-entitlement", label: "My entitlement" });
  if (has("org:write")) items.push({ to: "/schools", label: "Schools" });
  if (has("terms:write") && !isTrustAdmin) items.push({ to: "/term-dates", label: "Term dates", also: /^\/schools\/[^/]+\/term-dates$/ });
  if (has("users:read")) items.push({ to: "/people", label: "People" });
  if (has("providers:manage")) items.push({ to: "/providers", label: "Providers", also: /^\/providers\// });
  if (has("clients:manage")) items.push({ to: "/integrations", label: "Integrations" });
  if (has("audit:read")) items.push({ to: "/audit", label: "Audit log" });
  return items;
}

export function Layout({ children, minimal = false }: { children: ReactNode; minimal?: boolean }) {
  const { me, signOut } = useAuth();
  const items = useNavItems();
  // The feed holds the person's own meetings and observations: mentors, mentees and observers have them.
  const showCalendar = hasCalendar(me);
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();

  const menuButton = useRef<HTMLButtonElement>(null);

  useEffect(() => setMenuOpen(false), [location.pathname]);

  // Escape closes the open menu (phone width) and puts focus back on its button.
  useEffect(() => {
    if (!menuOpen) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== "Escape") return;
      setMenuOpen(false);
      menuButton.current?.focus();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [menuOpen]);

  async function handleSignOut() {
    await signOut();
    navigate("/sign-in", { replace: true });
  }

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="header">
        <div className="header__inner">
          <Link className="brand" to="/">
            MentorHub
          </Link>
          {me && <span className="header__who">{me.full_name}</span>}
          {!minimal && (
            <button
              type="button"
              ref={menuButton}
              className="menu-toggle"
              aria-expanded={menuOpen}
              aria-controls="main-nav"
              onClick={() => setMenuOpen((open) => !open)}
            >
              Menu
            </button>
          )}
        </div>
        <nav id="main-nav" aria-label="Main" className={`nav${menuOpen ? " nav--open" : ""}${minimal ? " nav--minimal" : ""}`}>
          <ul className="nav__list">
            {!minimal &&
              items.map((item) => (
                <li key={item.to}>
                  {item.also?.test(location.pathname) ? (
                    <Link to={item.to} aria-current="page">
                      {item.label}
                    </Link>
                  ) : (
                    <NavLink to={item.to} end={item.to === "/"}>
                      {item.label}
                    </NavLink>
                  )}
                </li>
              ))}
            {!minimal && showCalendar && (
              <li className="nav__account">
                <NavLink to="/account/calendar">Calendar link</NavLink>
              </li>
            )}
            {!minimal && (
              <li className={showCalendar ? undefined : "nav__account"}>
                <NavLink to="/account/password">Change password</NavLink>
              </li>
            )}
            <li className={minimal ? "nav__account" : undefined}>
              <button type="button" className="nav__signout" onClick={handleSignOut}>
                Sign out
              </button>
            </li>
          </ul>
        </nav>
      </header>
      {!minimal && <SchoolSwitcher />}
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">
        <p>MentorHub · {me?.trust_name}</p>
      </footer>
    </div>
  );
}

/** For people with roles in more than one school: which school the pages show. */
function SchoolSwitcher() {
  const { schools, currentSchool, setCurrentSchoolId } = useAuth();
  if (schools.length < 2 || !currentSchool) return null;
  return (
    <div className="switcher" role="region" aria-label="School">
      <div className="switcher__inner">
        <label htmlFor="school-switcher">Viewing school</label>
        <select id="school-switcher" value={currentSchool.schoolId} onChange={(e) => setCurrentSchoolId(e.target.value)}>
          {schools.map((s) => (
            <option key={s.schoolId} value={s.schoolId}>
              {s.schoolName} ({s.roles.map((r) => ROLE_LABELS[r]).join(", ")})
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
