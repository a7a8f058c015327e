import { api, unwrap, type User } from "../../api/client";
import { Button, ErrorSummary, TextField } from "../../components/forms";
import { useForm } from "../../components/useForm";
import { digits, email, maxLength, required, validate } from "../../lib/validation";

/** Name, email and reference numbers; read-only for someone who may not manage the person. */
export function PersonDetails({ user, manage, onSaved }: { user: User; manage: boolean; onSaved: (user: User) => void }) {
  const form = useForm({
    full_name: user.full_name,
    email: user.email,
    trn: user.trn ?? "",
    mis_staff_code: user.mis_staff_code ?? "",
  });

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    await form.submit(
      (values) =>
        validate(values, {
          full_name: [required("Enter the full name"), maxLength(200, "The name")],
          email: [required("Enter the email address"), email],
          trn: [digits(7, "The TRN")],
          mis_staff_code: [maxLength(32, "The staff code")],
        }),
      async (values) => {
        const updated = await unwrap(
          api.PATCH("/api/v1/users/{user_id}", {
            params: { path: { user_id: user.id } },
            body: {
              full_name: values.full_name.trim(),
              email: values.email.trim(),
              trn: values.trn.trim() || null,
              mis_staff_code: values.mis_staff_code.trim() || null,
            },
          }),
        );
        onSaved(updated);
      },
    );
  }

  return (
    <section className="panel" aria-labelledby="details-heading">
      <h2 id="details-heading">Details</h2>
      <ErrorSummary items={form.summary} focusKey={form.attempt} />
      <form onSubmit={onSubmit} noValidate className="form">
        <fieldset disabled={!manage} className="plain-fieldset">
          <legend className="visually-hidden">Details of {user.full_name}</legend>
          <TextField label="Full name" autoComplete="off" {...form.field("full_name")} />
          <TextField label="Email address" type="email" autoComplete="off" spellCheck={false} {...form.field("email")} />
          <TextField label="Teacher reference number (TRN) (optional)" hint="7 digits." inputMode="numeric" className="field--short" {...form.field("trn")} />
          <TextField label="MIS staff code (optional)" className="field--short" {...form.field("mis_staff_code")} />
          {manage && (
            <Button type="submit" disabled={form.busy}>
              Save details
            </Button>
          )}
        </fieldset>
      </form>
    </section>
  );
}
