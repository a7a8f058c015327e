import { Navigate } from "react-router";
import { useAuth } from "../auth/AuthContext";
import { Page } from "../components/Page";

/** "Term dates" in a school lead's navigation: the school in view, if they lead it. */
export function MyTermDatesPage() {
  const { currentSchool, schools } = useAuth();
  const led = currentSchool?.roles.includes("school_lead") ? currentSchool : schools.find((s) => s.roles.includes("school_lead"));
  if (!led) {
    return (
      <Page title="Term dates">
        <p>You do not lead a school, so there are no term dates for you to keep.</p>
      </Page>
    );
  }
  return <Navigate to={`/schools/${led.schoolId}/term-dates`} replace />;
}
