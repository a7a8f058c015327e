import { api, MAX_PAGE, unwrap } from "../api/client";
import { MeetingList } from "../components/MeetingList";
import { MentoringNav, useMentoringSchool } from "../components/MentoringNav";
import { Page } from "../components/Page";
import { useLoad } from "../components/useLoad";
import type { Choice } from "../lib/labels";

/** A lead's list of the school's meetings, filtered by mentor or mentee, status and dates. */
export function SchoolMeetingsPage() {
  const context = useMentoringSchool();
  const school = context.school;
  return (
    <Page title="Meetings" lead={school?.name}>
      <MentoringNav context={context} />
      {school && <SchoolMeetings key={school.id} schoolId={school.id} schoolName={school.name} />}
    </Page>
  );
}

function SchoolMeetings({ schoolId, schoolName }: { schoolId: string; schoolName: string }) {
  // Everyone in the school's pairings, to filter by.
  const pairings = useLoad(() => unwrap(api.GET("/api/v1/pairings", { params: { query: { school_id: schoolId, limit: MAX_PAGE } } })), [schoolId]);
  const people = new Map<string, string>();
  for (const p of pairings.data?.items ?? []) {
    people.set(p.mentor.id, `${p.mentor.full_name} (mentor)`);
    people.set(p.mentee.id, `${p.mentee.full_name} (mentee)`);
  }
  const choices: Choice[] = [...people].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
  return (
    <>
      <p>Every protected meeting at {schoolName}. Choose "Not recorded yet" to chase records, or "This week" to see the week ahead.</p>
      <MeetingList scope={{ school_id: schoolId }} label={`Meetings of ${schoolName}`} people={choices} />
    </>
  );
}
