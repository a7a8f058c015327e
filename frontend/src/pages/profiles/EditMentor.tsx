import { useState } from "react";
import { api, unwrap, type MentorProfile } from "../../api/client";
import { useForm } from "../../components/useForm";
import { EditProfilePanel } from "./EditProfilePanel";
import { MentorFields } from "./MentorFields";
import { checkMentor, mentorTerms } from "./profileFields";

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

  return (
    <EditProfilePanel kind="mentor" name={name} form={form} onSubmit={onSubmit} onCancel={() => onDone()}>
      <MentorFields
        field={form.field}
        prefix="edit-mentor"
        trained={trained}
        onTrained={setTrained}
        trainedId="edit-mentor-trained"
        endsHint="Leave empty if there is no end date."
      />
    </EditProfilePanel>
  );
}
