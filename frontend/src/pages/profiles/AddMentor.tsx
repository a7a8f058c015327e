import { useState } from "react";
import { api, unwrap, type User } from "../../api/client";
import { useForm } from "../../components/useForm";
import { AddProfilePanel } from "./AddProfilePanel";
import { MentorFields } from "./MentorFields";
import { checkMentor, checkPerson, mentorTerms } from "./profileFields";

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
            // Full time until the lead says otherwise (the API takes the FTE).
            body: { user_id: values.user_id, fte: 1, ...mentorTerms(values, trained) },
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
    <AddProfilePanel kind="mentor" people={people} form={form} onSubmit={onSubmit}>
      <MentorFields field={form.field} prefix="mentor" trained={trained} onTrained={setTrained} />
    </AddProfilePanel>
  );
}
