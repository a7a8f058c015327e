import { useState } from "react";
import { api, unwrap } from "../api/client";
import { MentoringNav, useMentoringSchool } from "../components/MentoringNav";
import { Loading, Notice, Page } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { allMenteeProfiles, allMentorProfiles } from "../lib/mentoringLists";
import { allPages } from "../lib/pages";
import { AddMentee } from "./profiles/AddMentee";
import { AddMentor } from "./profiles/AddMentor";
import { EditMentee } from "./profiles/EditMentee";
import { EditMentor } from "./profiles/EditMentor";
import { MenteeTable } from "./profiles/MenteeTable";
import { MentorTable } from "./profiles/MentorTable";

/** Mentor and mentee profiles at a school: who can be paired, and for how long. */
export function ProfilesPage() {
  const context = useMentoringSchool();
  const school = context.school;
  const [message, setMessage] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const data = useLoad(
    () =>
      school
        ? Promise.all([
            allMentorProfiles(school.id),
            allMenteeProfiles(school.id),
            allPages((page) => unwrap(api.GET("/api/v1/users", { params: { query: { school_id: school.id, role: "mentor", active: true, ...page } } }))),
            allPages((page) => unwrap(api.GET("/api/v1/users", { params: { query: { school_id: school.id, role: "mentee", active: true, ...page } } }))),
          ])
        : Promise.resolve(null),
    [school?.id],
  );
  const [mentors, mentees, mentorPeople, menteePeople] = data.data ?? [[], [], null, null];
  const withoutMentorProfile = (mentorPeople ?? []).filter((u) => !mentors.some((p) => p.user.id === u.id));
  const withoutMenteeProfile = (menteePeople ?? []).filter((u) => !mentees.some((p) => p.user.id === u.id));

  function added(text: string) {
    setMessage(text);
    data.reload();
  }

  /** Closes the edit form and puts focus back on the row's Edit button. */
  function closeEdit(text?: string) {
    const id = editing;
    setEditing(null);
    if (text) added(text);
    if (id) document.getElementById(`edit-${id}`)?.focus();
  }

  const editingMentor = mentors.find((p) => p.id === editing);
  const editingMentee = mentees.find((p) => p.id === editing);

  return (
    <Page title="Mentors and mentees" lead={school?.name}>
      <MentoringNav context={context} />
      {message && <Notice kind="success">{message}</Notice>}
      {data.error && <Notice kind="error">{data.error}</Notice>}
      {school && !data.data && !data.error && <Loading what="Loading profiles" />}
      {school && data.data && (
        <>
          <p>
            Someone needs the mentor or mentee role at the school (on the People pages) before they can have a profile here, and a profile before
            they can be paired.
          </p>
          <section className="section" aria-labelledby="mentors-heading">
            <h2 id="mentors-heading">Mentors</h2>
            <MentorTable profiles={mentors} onEdit={(p) => setEditing(p.id)} />
            {editingMentor && <EditMentor key={editingMentor.id} profile={editingMentor} onDone={closeEdit} />}
            <AddMentor schoolId={school.id} people={withoutMentorProfile} onAdded={added} />
          </section>
          <section className="section" aria-labelledby="mentees-heading">
            <h2 id="mentees-heading">Mentees</h2>
            <MenteeTable profiles={mentees} onEdit={(p) => setEditing(p.id)} />
            {editingMentee && <EditMentee key={editingMentee.id} profile={editingMentee} onDone={closeEdit} />}
            <AddMentee schoolId={school.id} people={withoutMenteeProfile} onAdded={added} />
          </section>
        </>
      )}
    </Page>
  );
}
