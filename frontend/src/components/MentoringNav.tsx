/** The lead's mentoring pages: which school they show, and the links between them. */
import { NavLink, useSearchParams } from "react-router";
import { useAuth } from "../auth/AuthContext";
import { allSchools } from "../lib/schools";
import { Loading, Notice } from "./Page";
import { useLoad } from "./useLoad";

interface SchoolOption {
  id: string;
  name: string;
}

export interface MentoringSchool {
  school: SchoolOption | null;
  options: SchoolOption[];
  loading: boolean;
  error: string | null;
}

/** The school in `?school=`, else the lead's school in view; admins can choose any active school. */
export function useMentoringSchool(): MentoringSchool {
  const { schools, currentSchool, isTrustAdmin } = useAuth();
  const [params] = useSearchParams();
  const all = useLoad(() => (isTrustAdmin ? allSchools(true) : Promise.resolve([])), [isTrustAdmin]);
  const led = schools.filter((s) => s.roles.includes("school_lead")).map((s) => ({ id: s.schoolId, name: s.schoolName }));
  const options = isTrustAdmin ? (all.data ?? []).map((s) => ({ id: s.id, name: s.name })) : led;
  const wanted = params.get("school");
  const fallback = options.find((o) => o.id === currentSchool?.schoolId) ?? options[0] ?? null;
  const school = options.find((o) => o.id === wanted) ?? fallback;
  return { school, options, loading: isTrustAdmin && all.loading && !all.data, error: all.error };
}

const LINKS = [
  { to: "/mentoring", label: "Pairings" },
  { to: "/mentoring/profiles", label: "Mentors and mentees" },
  { to: "/mentoring/meetings", label: "Meetings" },
  { to: "/mentoring/changes", label: "Called off and moved" },
  { to: "/mentoring/import", label: "Import" },
];

/** School choice (when there is one to make) and the mentoring sub-navigation. */
export function MentoringNav({ context }: { context: MentoringSchool }) {
  const [params, setParams] = useSearchParams();
  const { school, options, loading, error } = context;
  if (error) return <Notice kind="error">{error}</Notice>;
  if (loading) return <Loading what="Loading schools" />;
  const query = school ? `?school=${school.id}` : "";
  return (
    <>
      {options.length > 1 && school && (
        <div className="field field--short school-choice">
          <label htmlFor="mentoring-school">School</label>
          <select
            id="mentoring-school"
            value={school.id}
            onChange={(e) => {
              const next = new URLSearchParams(params);
              next.set("school", e.target.value);
              next.delete("offset");
              setParams(next);
            }}
          >
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <nav className="subnav" aria-label="Mentoring">
        <ul>
          {LINKS.map((link) => (
            <li key={link.to}>
              <NavLink to={`${link.to}${query}`} end>
                {link.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {!school && <p>You do not lead a school, so there is no mentoring to set up.</p>}
    </>
  );
}
