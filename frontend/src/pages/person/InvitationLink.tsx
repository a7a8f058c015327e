import type { InvitationIssued } from "../../api/client";
import { Button } from "../../components/forms";
import { SecretBox } from "../../components/SecretBox";
import { formatDate } from "../../lib/labels";

/** The web app's address for an invitation: the token after `#`, so it never reaches a server log. */
export function invitationUrl(path: string): string {
  return `${globalThis.location?.origin ?? ""}${path}`;
}

/** A set-up link, shown once until the person who issued it hides it. */
export function InvitationLink({ link, onHide }: { link: InvitationIssued; onHide: () => void }) {
  return (
    <section className="section" aria-labelledby="invitation-heading">
      <h2 id="invitation-heading">Set-up link for {link.full_name}</h2>
      <p>
        Send this link to {link.full_name} ({link.email}). With it they choose their own password and sign in. It works once, until{" "}
        {formatDate(link.expires_at.slice(0, 10))}; any earlier link for them no longer works.
      </p>
      <SecretBox
        label="Set-up link"
        secret={invitationUrl(link.path)}
        warning="This link is shown only once. Copy it now and send it to them safely; you will not see it again."
      />
      <Button variant="secondary" onClick={onHide}>
        I have sent it: hide the link
      </Button>
    </section>
  );
}
