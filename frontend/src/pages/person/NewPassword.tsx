import { Button } from "../../components/forms";
import { SecretBox } from "../../components/SecretBox";

/** A reset password, shown once until the person who reset it hides it. */
export function NewPassword({ name, password, onHide }: { name: string; password: string; onHide: () => void }) {
  return (
    <section className="section" aria-labelledby="new-password-heading">
      <h2 id="new-password-heading">New initial password</h2>
      <p>{name}'s old password no longer works. They must choose a new one when they sign in with this.</p>
      <SecretBox
        label="Initial password"
        secret={password}
        warning="This password is shown only once. Copy it now and pass it on safely; you will not see it again."
      />
      <Button variant="secondary" onClick={onHide}>
        I have passed it on: hide the password
      </Button>
    </section>
  );
}
