/** Routes, and which of them a person may see. */
import type { ReactNode } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router";
import { useAuth } from "./auth/AuthContext";
import { Layout } from "./components/Layout";
import { Loading } from "./components/Page";
import { AuditPage } from "./pages/AuditPage";
import { ChangePasswordPage } from "./pages/ChangePasswordPage";
import { HomePage } from "./pages/HomePage";
import { IntegrationNewPage } from "./pages/IntegrationNewPage";
import { IntegrationsPage } from "./pages/IntegrationsPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { PeoplePage } from "./pages/PeoplePage";
import { PersonNewPage } from "./pages/PersonNewPage";
import { PersonPage } from "./pages/PersonPage";
import { SchoolFormPage } from "./pages/SchoolFormPage";
import { SchoolsPage } from "./pages/SchoolsPage";
import { SignInPage } from "./pages/SignInPage";
import { TermDatesPage } from "./pages/TermDatesPage";
import { MyTermDatesPage } from "./pages/MyTermDatesPage";

export function App() {
  const { status, me } = useAuth();
  const location = useLocation();

  if (status === "loading") {
    return (
      <div className="boot">
        <Loading what="Loading MentorHub" />
      </div>
    );
  }

  if (status === "signed-out" || !me) {
    if (location.pathname === "/sign-in") return <SignInPage />;
    const from = location.pathname + location.search;
    return <Navigate to="/sign-in" replace state={from === "/" ? undefined : { from }} />;
  }

  if (me.must_change_password) {
    return (
      <Layout minimal>
        <ChangePasswordPage forced />
      </Layout>
    );
  }

  if (location.pathname === "/sign-in") {
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from ?? "/"} replace />;
  }

  return (
    <Layout>
      <Routes>
        <Route path="/" element={<HomePage />} />
        <Route path="/account/password" element={<ChangePasswordPage />} />
        <Route path="/schools" element={<Need scope="org:write"><SchoolsPage /></Need>} />
        <Route path="/schools/new" element={<Need scope="org:write"><SchoolFormPage /></Need>} />
        <Route path="/schools/:schoolId" element={<Need scope="org:write"><SchoolFormPage /></Need>} />
        <Route path="/schools/:schoolId/term-dates" element={<Need scope="org:read"><TermDatesPage /></Need>} />
        <Route path="/term-dates" element={<Need scope="terms:write"><MyTermDatesPage /></Need>} />
        <Route path="/people" element={<Need scope="users:read"><PeoplePage /></Need>} />
        <Route path="/people/new" element={<Need scope="users:write"><PersonNewPage /></Need>} />
        <Route path="/people/:userId" element={<Need scope="users:read"><PersonPage /></Need>} />
        <Route path="/integrations" element={<Need scope="clients:manage"><IntegrationsPage /></Need>} />
        <Route path="/integrations/new" element={<Need scope="clients:manage"><IntegrationNewPage /></Need>} />
        <Route path="/audit" element={<Need scope="audit:read"><AuditPage /></Need>} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Layout>
  );
}

/** Pages a person's scopes do not cover read as not found, as the API does. */
function Need({ scope, children }: { scope: string; children: ReactNode }) {
  const { has } = useAuth();
  return has(scope) ? <>{children}</> : <NotFoundPage />;
}
