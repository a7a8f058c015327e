import { api, unwrap, type MenteeProfile } from "../../api/client";
import { useForm } from "../../components/useForm";
import { EditProfilePanel } from "./EditProfilePanel";
import { MenteeFields } from "./MenteeFields";
import { checkMentee, menteeTerms } from "./profileFields";

/** Changes a mentee profile; `onDone` closes the form, with a message when it saved. */
export function EditMentee({ profile, onDone }: { profile: MenteeProfile; onDone: (text?: string) => void }) {
  const form = useForm({
    pathway: profile.pathway as string,
    induction_year: profile.induction_year ? String(profile.induction_year) : "",
    programme: profile.programme ?? "",
    provider: profile.provider ?? "",
    subject: profile.subject ?? "",
    phase: profile.phase ?? "",
    starts_on: profile.starts_on,
    ends_on: profile.ends_on ?? "",
  });
  const name = profile.user.full_name;

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const ok = await form.submit(checkMentee, async (values) => {
      await unwrap(
        api.PATCH("/api/v1/mentee-profiles/{profile_id}", {
          params: { path: { profile_id: profile.id } },
          body: menteeTerms(values),
        }),
      );
    });
    if (ok) onDone(`${name}'s mentee profile has been changed.`);
  }

  return (
    <EditProfilePanel kind="mentee" name={name} form={form} onSubmit={onSubmit} onCancel={() => onDone()}>
      <MenteeFields form={form} prefix="edit-mentee" radioName="edit-pathway" endsHint="Leave empty if there is no end date." />
    </EditProfilePanel>
  );
}
