import { useState } from "react";
import { Link, useParams } from "react-router";
import { api, unwrap, type InvitationIssued, type School, type User, type UserDetail } from "../api/client";
import { useAuth } from "../auth/AuthContext";
import { LoadFailed, Loading, LocationNotice, Notice, Page, type Message } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { allSchools, schoolNames } from "../lib/schools";
import { AccountSection } from "./person/AccountSection";
import { InvitationLink } from "./person/InvitationLink";
import { NewPassword } from "./person/NewPassword";
import { PersonDetails } from "./person/PersonDetails";
import { PersonDialogs, type PendingChange } from "./person/PersonDialogs";
import { RolesSection } from "./person/RolesSection";
import { roleText, type Membership } from "./person/roleText";

export function PersonPage() {
  const { userId = "" } = useParams();
  const person = useLoad(() => unwrap(api.GET("/api/v1/users/{user_id}", { params: { path: { user_id: userId } } })), [userId]);
  const schools = useLoad(() => allSchools(), []);
  if (person.error) return <LoadFailed title="Person not found" error={person.error} backTo="/people" back="Back to people" />;
  if (!person.data || !schools.data) return <Loading what="Loading" />;
  // A change keeps the server's `can` flags, which say what this person may do with them.
  return <Person key={person.data.id} user={person.data} schools={schools.data} onChange={(u) => person.setData((current) => current && { ...current, ...u })} />;
}

function Person({ user, schools, onChange }: { user: UserDetail; schools: School[]; onChange: (user: User) => void }) {
  const { me } = useAuth();
  const names = schoolNames(schools);
  const manage = user.can.edit;
  const [message, setMessage] = useState<Message | null>(null);
  const [pending, setPending] = useState<PendingChange>(null);
  const [busy, setBusy] = useState(false);
  const [password, setPassword] = useState<string | null>(null);
  const [link, setLink] = useState<InvitationIssued | null>(null);
  const said = (text: string) => setMessage({ kind: "success", text });

  /** Runs one confirmed change: busy while it runs, its error shown, the dialog closed after. */
  async function act(action: () => Promise<void>) {
    setBusy(true);
    setMessage(null);
    try {
      await action();
    } catch (e) {
      setMessage({ kind: "error", text: e instanceof Error ? e.message : "That did not work." });
    } finally {
      setBusy(false);
      setPending(null);
    }
  }

  const setActive = (active: boolean) =>
    act(async () => {
      const updated = await unwrap(api.PATCH("/api/v1/users/{user_id}", { params: { path: { user_id: user.id } }, body: { active } }));
      onChange(updated);
      said(active ? `${user.full_name} can sign in again.` : `${user.full_name} has been deactivated and signed out.`);
    });

  const resetPassword = () =>
    act(async () => {
      const result = await unwrap(api.POST("/api/v1/users/{user_id}/reset-password", { params: { path: { user_id: user.id } } }));
      setPassword(result.initial_password);
      onChange({ ...user, must_change_password: true });
    });

  const invite = () =>
    act(async () => {
      const issued = await unwrap(api.POST("/api/v1/users/{user_id}/invitations", { params: { path: { user_id: user.id } } }));
      setLink(issued);
      if (user.must_change_password) onChange({ ...user, account_status: "invited" });
    });

  const removeRole = (membership: Membership) =>
    act(async () => {
      await unwrap(api.DELETE("/api/v1/users/{user_id}/roles/{membership_id}", { params: { path: { user_id: user.id, membership_id: membership.id } } }));
      onChange({ ...user, roles: user.roles.filter((r) => r.id !== membership.id) });
      said(`Removed ${roleText(membership, names)}.`);
    });

  function roleAdded(membership: Membership) {
    onChange({ ...user, roles: [...user.roles, membership] });
    said(`Added ${roleText(membership, names)}.`);
  }

  return (
    <Page title={user.full_name} lead={user.email}>
      <p>
        <Link to="/people">Back to people</Link>
      </p>
      <LocationNotice />
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {!manage && <Notice>{user.full_name} has roles beyond the schools you lead, so only a trust admin can change their details.</Notice>}
      {password && <NewPassword name={user.full_name} password={password} onHide={() => setPassword(null)} />}
      {link && <InvitationLink link={link} onHide={() => setLink(null)} />}
      <PersonDetails
        user={user}
        manage={manage}
        onSaved={(u) => {
          onChange(u);
          said("Details saved.");
        }}
      />
      <RolesSection user={user} schools={schools} names={names} manage={manage} onRemove={(m) => setPending({ remove: m })} onAdded={roleAdded} />
      <AccountSection
        user={user}
        manage={manage}
        isSelf={me?.id === user.id}
        busy={busy}
        onReset={() => setPending("reset")}
        canInvite={user.can.invite}
        onInvite={invite}
        onDeactivate={() => setPending("deactivate")}
        onReactivate={() => setActive(true)}
      />
      <PersonDialogs
        user={user}
        names={names}
        pending={pending}
        busy={busy}
        onDeactivate={() => setActive(false)}
        onReset={resetPassword}
        onRemove={removeRole}
        onCancel={() => setPending(null)}
      />
    </Page>
  );
}
