import { useState } from "react";
import { useNavigate } from "react-router";
import { api, session, unwrap } from "../api/client";
import { useAuth } from "../auth/AuthContext";
import { Button, ErrorSummary, TextField } from "../components/forms";
import { Notice, Page } from "../components/Page";
import { useForm } from "../components/useForm";
import { newPasswordProblem, MIN_PASSWORD_LENGTH, required, validate, type Errors } from "../lib/validation";

export function ChangePasswordPage({ forced = false }: { forced?: boolean }) {
  const { me, signIn, signOut } = useAuth();
  const [done, setDone] = useState(false);
  const navigate = useNavigate();
  const form = useForm({ current_password: "", new_password: "", confirm_password: "" });
  const emailAddress = me?.email ?? "";

  function check(values: Record<string, string>): Errors {
    const errors = validate(values, {
      current_password: [required(forced ? "Enter the password you were given" : "Enter your current password")],
      confirm_password: [required("Enter your new password again")],
    });
    const problem = newPasswordProblem(values.new_password, emailAddress, values.current_password);
    if (problem) errors.new_password = problem;
    if (!errors.confirm_password && !problem && values.confirm_password !== values.new_password) {
      errors.confirm_password = "The passwords do not match";
    }
    return errors;
  }

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    setDone(false);
    const ok = await form.submit(check, async (values) => {
      await unwrap(
        api.POST("/api/v1/auth/password", {
          body: { current_password: values.current_password, new_password: values.new_password },
        }),
      );
      // The change ends every session, this one too: sign in again with the new password.
      session.clear();
      try {
        await signIn(emailAddress, values.new_password);
      } catch {
        await signOut("Your password has been changed. Sign in with your new password.");
      }
    });
    if (ok && forced) {
      navigate("/", { replace: true, state: { notice: "Your new password is saved. Welcome to MentorHub." } });
    } else if (ok) {
      form.reset();
      setDone(true);
    }
  }

  return (
    <Page
      title={forced ? "Choose a new password" : "Change password"}
      lead={
        forced
          ? "Before you start, replace the password you were given with one only you know."
          : "Changing your password signs you out everywhere else."
      }
    >
      {done && <Notice kind="success">Your password has been changed.</Notice>}
      <ErrorSummary items={form.summary} focusKey={form.attempt} />
      <form onSubmit={onSubmit} noValidate className="form">
        <input type="hidden" name="username" autoComplete="username" value={emailAddress} />
        <TextField
          label={forced ? "Password you were given" : "Current password"}
          type="password"
          autoComplete="current-password"
          {...form.field("current_password")}
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters, not your email address. A few unrelated words make a strong password.`}
          {...form.field("new_password")}
        />
        <TextField label="Confirm new password" type="password" autoComplete="new-password" {...form.field("confirm_password")} />
        <Button type="submit" disabled={form.busy}>
          {form.busy ? "Saving…" : forced ? "Save password and continue" : "Change password"}
        </Button>
      </form>
    </Page>
  );
}
