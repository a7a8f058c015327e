import { api, unwrap, type User } from "../../api/client";
import { Button, ErrorSummary, withFieldPrefix } from "../../components/forms";
import { useForm } from "../../components/useForm";
import { checkMentee, checkPerson, menteeTerms } from "./profileFields";
import { MenteeFields } from "./MenteeFields";
import { PersonSelect } from "./PersonSelect";

const PREFIX = "mentee";

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
            body: { user_id: values.user_id, ...menteeTerms(values) },
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
    <div className="panel">
      <h3 id="add-mentee-heading">Add a mentee profile</h3>
      {people.length === 0 ? (
        <p>Everyone with the mentee role here has a profile.</p>
      ) : (
        <>
          <ErrorSummary items={withFieldPrefix(form.summary, PREFIX)} focusKey={form.attempt} />
          <form onSubmit={onSubmit} noValidate className="form" aria-labelledby="add-mentee-heading">
            <PersonSelect label="Mentee" people={people} field={form.field("user_id")} prefix={PREFIX} />
            <MenteeFields form={form} prefix={PREFIX} radioName="pathway" endsHint="Pairings run until this date unless given their own end." />
            <Button type="submit" variant="secondary" disabled={form.busy}>
              Add mentee profile
            </Button>
          </form>
        </>
      )}
    </div>
  );
}
