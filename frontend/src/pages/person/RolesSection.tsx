import type { School, User } from "../../api/client";
import { Button } from "../../components/forms";
import { AddRole } from "./AddRole";
import { roleText, type Membership } from "./roleText";

/** A person's roles, each with Remove, and the form to add one, for those who may manage them. */
export function RolesSection({
  user,
  schools,
  names,
  manage,
  onRemove,
  onAdded,
}: {
  user: User;
  schools: School[];
  names: Map<string, string>;
  manage: boolean;
  onRemove: (membership: Membership) => void;
  onAdded: (membership: Membership) => void;
}) {
  return (
    <section className="section" aria-labelledby="roles-heading">
      <h2 id="roles-heading">Roles</h2>
      {user.roles.length === 0 ? (
        <p>No roles: {user.full_name} can sign in but sees nothing.</p>
      ) : (
        <ul className="role-list">
          {user.roles.map((membership) => (
            <li key={membership.id}>
              {roleText(membership, names)}{" "}
              {manage && (
                <Button variant="link" onClick={() => onRemove(membership)}>
                  Remove<span className="visually-hidden"> {roleText(membership, names)}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {manage && <AddRole user={user} schools={schools} onAdded={onAdded} />}
    </section>
  );
}
