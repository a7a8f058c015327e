import { useState } from "react";
import { api, unwrap, type MentorProfile } from "../../api/client";
import { ErrorSummary, withFieldPrefix } from "../../components/forms";
import { useForm } from "../../components/useForm";
import { EditPanel } from "./EditPanel";
import { MentorFields } from "./MentorFields";
import { checkMentor, mentorTerms } from "./profileFields";
import { SaveOrCancel } from "./SaveOrCancel";

const PREFIX = "edit-mentor";

/** Changes a mentor profile; `onDone` closes the form, with a message when it saved. */
export function EditMentor({ profile, onDone }: { profile: MentorProfile; onDone: (text?: string) => void }) {
  const form = useForm({
    subjects: profile.subjects.join(", "),
    phase: profile.phase ?? "",
    starts_on: profile.starts_on,
    ends_on: profile.ends_on ?? "",
  });
  const [trained, setTrained] = useState(profile.trained);
  const name = profile.user.full_name;

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const ok = await form.submit(checkMentor, async (values) => {
      await unwrap(
        api.PATCH("/api/v1/mentor-profiles/{profile_id}", {
          params: { path: { profile_id: profile.id } },
          body: mentorTerms(values, trained),
        }),
      );
    });
    if (ok) onDone(`${name}'s mentor profile has been changed.`);
  }

  const headingId = `${PREFIX}-heading`;
  return (
    <EditPanel id={headingId} title={`Edit ${name}'s mentor profile`}>
      <ErrorSummary items={withFieldPrefix(form.summary, PREFIX)} focusKey={form.attempt} />
      <form onSubmit={onSubmit} noValidate className="form" aria-labelledby={headingId}>
        <MentorFields
          field={form.field}
          prefix={PREFIX}
          trained={trained}
          onTrained={setTrained}
          trainedId={`${PREFIX}-trained`}
          endsHint="Leave empty if there is no end date."
        />
        <SaveOrCancel busy={form.busy} onCancel={() => onDone()} />
      </form>
    </EditPanel>
  );
}
