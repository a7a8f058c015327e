import { useEffect, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { api, unwrap } from "../api/client";
import { ApiError } from "../api/problems";
import { useAuth } from "../auth/AuthContext";
import { Button, ErrorSummary, TextField } from "../components/forms";
import { Loading, Notice, Page } from "../components/Page";
import { useForm } from "../components/useForm";
import { MIN_PASSWORD_LENGTH, newPasswordProblem, required, validate, type Errors } from "../lib/validation";

/** The token of an invitation link: what follows `#` in /welcome#<token> (never sent to a server in the address). */
function tokenFromLocation(): string {
  return decodeURIComponent(globalThis.location?.hash.replace(/^#/, "") ?? "");
}

type Invitee = { full_name: string; email: string };

/** Setting up an account from an invitation link: the person sees their name, chooses a password and is signed in. */
export function WelcomePage() {
  const { adoptSession } = useAuth();
  const navigate = useNavigate();
  const [token] = useState(tokenFromLocation);
  const [invitee, setInvitee] = useState<Invitee | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({ new_password: "", confirm_password: "" });
  const problemRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!token) {
      setProblem("This page needs the whole link you were sent. Open the link again, or ask your school lead for a new one.");
      return;
    }
    let cancelled = false;
    unwrap(api.POST("/api/v1/invitations/lookup", { body: { token } }))
      .then((found) => !cancelled && setInvitee(found))
      .catch((e) => !cancelled && setProblem(e instanceof Error ? e.message : "This link does not work."));
    return () => {
      cancelled = true;
    };
  }, [token]);

  useEffect(() => {
    if (problem) problemRef.current?.focus();
  }, [problem]);

  function check(values: Record<string, string>): Errors {
    const errors = validate(values, { confirm_password: [required("Enter your new password again")] });
    const weak = newPasswordProblem(values.new_password, invitee?.email ?? "", "");
    if (weak) errors.new_password = weak;
    if (!errors.confirm_password && !weak && values.confirm_password !== values.new_password) {
      errors.confirm_password = "The passwords do not match";
    }
    return errors;
  }

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const ok = await form.submit(check, async (values) => {
      try {
        await unwrap(
          api.POST("/api/v1/invitations/accept", {
            body: { token, new_password: values.new_password, token_transport: "cookie" },
          }),
        );
      } catch (e) {
        if (e instanceof ApiError && (e.status === 404 || e.status === 410)) {
          setProblem(e.message);
          return;
        }
        throw e;
      }
      // Signed in: the refresh cookie was set with the answer.
      try {
        await adoptSession();
      } catch {
        navigate("/sign-in", { replace: true });
        return;
      }
      navigate("/", { replace: true, state: { notice: "Your password is saved. Welcome to MentorHub." } });
    });
    if (!ok) return;
  }

  return (
    <div className="signin">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="header">
        <div className="header__inner">
          <span className="brand">MentorHub</span>
        </div>
      </header>
      <main id="main" className="main main--narrow" tabIndex={-1}>
        <Page title="Set up your account" heading={invitee ? `Welcome, ${invitee.full_name}` : "Set up your account"}>
          {problem ? (
            <div ref={problemRef} tabIndex={-1}>
              <Notice kind="error">{problem}</Notice>
              <p>
                <a href="/sign-in">Go to sign in</a>
              </p>
            </div>
          ) : !invitee ? (
            <Loading what="Checking your link" />
          ) : (
            <>
              <p className="wrap-anywhere">
                Choose a password to sign in to MentorHub as <strong>{invitee.email}</strong>. This link works once.
              </p>
              <ErrorSummary items={form.summary} focusKey={form.attempt} />
              <form onSubmit={onSubmit} noValidate className="form">
                <input type="hidden" name="username" autoComplete="username" value={invitee.email} />
                <TextField
                  label="New password"
                  type="password"
                  autoComplete="new-password"
                  hint={`At least ${MIN_PASSWORD_LENGTH} characters, not your email address. A few unrelated words make a strong password.`}
                  {...form.field("new_password")}
                />
                <TextField label="Confirm new password" type="password" autoComplete="new-password" {...form.field("confirm_password")} />
                <Button type="submit" disabled={form.busy}>
                  {form.busy ? "Saving…" : "Save password and sign in"}
                </Button>
              </form>
            </>
          )}
        </Page>
      </main>
    </div>
  );
}
