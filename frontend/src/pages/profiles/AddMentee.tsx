import { api, unwrap, type User } from "../../api/client";
import { useForm } from "../../components/useForm";
import { AddProfilePanel } from "./AddProfilePanel";
import { MenteeFields } from "./MenteeFields";
import { checkMentee, checkPerson, menteeTerms } from "./profileFields";

/** Gives someone with the mentee role at the school a mentee profile. */
export function AddMentee({ schoolId, people, onAdded }: { schoolId: string; people: User[]; onAdded: (text: string) => void }) {
  const blank = { user_id: "", pathway: "", induction_year: "", programme: "", provider: "", subject: "", phase: "", starts_on: "", ends_on: "" };
  const form = useForm(blank);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const name = people.find((u) => u.id === form.values.user_id)?.full_name ?? "The mentee";
    const ok = await form.submit(
      // Who it is for comes first, as it does on the form.
      (values) => ({ ...checkPerson(values.user_id), ...checkMentee(values) }),
      async (values) => {
        await unwrap(
          api.POST("/api/v1/schools/{school_id}/mentee-profiles", {
            params: { path: { school_id: schoolId } },
            // Full time until the lead says otherwise (the API takes the FTE).
            body: { user_id: values.user_id, fte: 1, ...menteeTerms(values) },
          }),
        );
      },
    );
    if (ok) {
      form.reset();
      onAdded(`${name} now has a mentee profile.`);
    }
  }

  return (
    <AddProfilePanel kind="mentee" people={people} form={form} onSubmit={onSubmit}>
      <MenteeFields form={form} prefix="mentee" radioName="pathway" endsHint="Pairings run until this date unless given their own end." />
    </AddProfilePanel>
  );
}
