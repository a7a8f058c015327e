import { useState } from "react";
import { api, unwrap, type User } from "../../api/client";
import { Button, ErrorSummary, withFieldPrefix } from "../../components/forms";
import { useForm } from "../../components/useForm";
import { checkMentor, checkPerson, mentorTerms } from "./profileFields";
import { MentorFields } from "./MentorFields";
import { PersonSelect } from "./PersonSelect";

const PREFIX = "mentor";

/** Gives someone with the mentor role at the school a mentor profile. */
export function AddMentor({ schoolId, people, onAdded }: { schoolId: string; people: User[]; onAdded: (text: string) => void }) {
  const form = useForm({ user_id: "", subjects: "", phase: "", starts_on: "", ends_on: "" });
  const [trained, setTrained] = useState(false);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const name = people.find((u) => u.id === form.values.user_id)?.full_name ?? "The mentor";
    const ok = await form.submit(
      // Who it is for comes first, as it does on the form.
      (values) => ({ ...checkPerson(values.user_id), ...checkMentor(values) }),
      async (values) => {
        await unwrap(
          api.POST("/api/v1/schools/{school_id}/mentor-profiles", {
            params: { path: { school_id: schoolId } },
            body: { user_id: values.user_id, ...mentorTerms(values, trained) },
          }),
        );
      },
    );
    if (ok) {
      form.reset();
      setTrained(false);
      onAdded(`${name} now has a mentor profile.`);
    }
  }

  return (
    <div className="panel">
      <h3 id="add-mentor-heading">Add a mentor profile</h3>
      {people.length === 0 ? (
        <p>Everyone with the mentor role here has a profile.</p>
      ) : (
        <>
          <ErrorSummary items={withFieldPrefix(form.summary, PREFIX)} focusKey={form.attempt} />
          <form onSubmit={onSubmit} noValidate className="form" aria-labelledby="add-mentor-heading">
            <PersonSelect label="Mentor" people={people} field={form.field("user_id")} prefix={PREFIX} />
            <MentorFields field={form.field} prefix={PREFIX} trained={trained} onTrained={setTrained} />
            <Button type="submit" variant="secondary" disabled={form.busy}>
              Add mentor profile
            </Button>
          </form>
        </>
      )}
    </div>
  );
}
