import { useLocation } from "react-router";
import { useAuth } from "../auth/AuthContext";
import { SignInError } from "../auth/session";
import { Button, ErrorSummary, TextField } from "../components/forms";
import { Notice, Page } from "../components/Page";
import { useForm } from "../components/useForm";
import { email, required, validate } from "../lib/validation";

export function SignInPage() {
  const { signIn, notice } = useAuth();
  const location = useLocation();
  const form = useForm({ email: "", password: "" });
  const cameFrom = (location.state as { from?: string } | null)?.from;

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    await form.submit(
      (values) =>
        validate(values, {
          email: [required("Enter your email address"), email],
          password: [required("Enter your password")],
        }),
      async (values) => {
        try {
          await signIn(values.email.trim(), values.password);
        } catch (error) {
          if (error instanceof SignInError) throw new Error(error.message);
          throw error;
        }
      },
    );
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
        <Page title="Sign in" heading="Sign in to MentorHub">
          {notice && <Notice kind={notice.startsWith("You have") ? "success" : "info"}>{notice}</Notice>}
          {!notice && cameFrom && <Notice>Sign in to see that page.</Notice>}
          <ErrorSummary items={form.summary} focusKey={form.attempt} />
          <form onSubmit={onSubmit} noValidate className="form">
            <TextField label="Email address" type="email" autoComplete="username" spellCheck={false} {...form.field("email")} />
            <TextField label="Password" type="password" autoComplete="current-password" {...form.field("password")} />
            <Button type="submit" disabled={form.busy}>
              {form.busy ? "Signing in…" : "Sign in"}
            </Button>
          </form>
        </Page>
      </main>
    </div>
  );
}
