/** Routes, and which of them a person may see. */
import { lazy, Suspense, type ReactNode } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router";
import { useAuth } from "./auth/AuthContext";
import { Layout } from "./components/Layout";
import { Loading } from "./components/Page";
import { AuditPage } from "./pages/AuditPage";
import { ChangePasswordPage } from "./pages/ChangePasswordPage";
import { HomePage } from "./pages/HomePage";
import { IntegrationNewPage } from "./pages/IntegrationNewPage";
import { IntegrationsPage } from "./pages/IntegrationsPage";
import { DeliveriesPage, DeliveryPage } from "./pages/DeliveriesPage";
import { ProviderPage } from "./pages/ProviderPage";
import { ProvidersPage } from "./pages/ProvidersPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { PeoplePage } from "./pages/PeoplePage";
import { PersonNewPage } from "./pages/PersonNewPage";
import { PersonPage } from "./pages/PersonPage";
import { SchoolFormPage } from "./pages/SchoolFormPage";
import { SchoolsPage } from "./pages/SchoolsPage";
import { SignInPage } from "./pages/SignInPage";
import { TermDatesPage } from "./pages/TermDatesPage";
import { WelcomePage } from "./pages/WelcomePage";
import { MyTermDatesPage } from "./pages/MyTermDatesPage";
import { readsCoverage } from "./lib/mentoring";

// Mentoring screens load on first visit, keeping the first page small.
const named = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) =>
  lazy(() => load().then((module) => ({ default: module[name] })));
const MyWeekPage = named(() => import("./pages/MyWeekPage"), "MyWeekPage");
const PairingPage = named(() => import("./pages/PairingPage"), "PairingPage");
const PairingMeetingsPage = named(() => import("./pages/PairingMeetingsPage"), "PairingMeetingsPage");
const AgreementPage = named(() => import("./pages/AgreementPage"), "AgreementPage");
const SlotNewPage = named(() => import("./pages/SlotNewPage"), "SlotNewPage");
const SlotChangePage = named(() => import("./pages/SlotChangePage"), "SlotChangePage");
const SlotEndPage = named(() => import("./pages/SlotChangePage"), "SlotEndPage");
const MeetingPage = named(() => import("./pages/MeetingPage"), "MeetingPage");
const MentoringPage = named(() => import("./pages/MentoringPage"), "MentoringPage");
const PairingNewPage = named(() => import("./pages/PairingNewPage"), "PairingNewPage");
const ProfilesPage = named(() => import("./pages/ProfilesPage"), "ProfilesPage");
const ChangesPage = named(() => import("./pages/ChangesPage"), "ChangesPage");
const SchoolMeetingsPage = named(() => import("./pages/SchoolMeetingsPage"), "SchoolMeetingsPage");
const ImportPage = named(() => import("./pages/ImportPage"), "ImportPage");
const CalendarPage = named(() => import("./pages/CalendarPage"), "CalendarPage");
const ObservationsPage = named(() => import("./pages/ObservationsPage"), "ObservationsPage");
const ObservationNewPage = named(() => import("./pages/ObservationNewPage"), "ObservationNewPage");
const ObservationPage = named(() => import("./pages/ObservationPage"), "ObservationPage");
const TargetsPage = named(() => import("./pages/TargetsPage"), "TargetsPage");
const CoveragePage = named(() => import("./pages/CoveragePage"), "CoveragePage");
const ResourcesPage = named(() => import("./pages/ResourcesPage"), "ResourcesPage");
const BookmarksPage = named(() => import("./pages/ResourcesPage"), "BookmarksPage");
const ResourcePage = named(() => import("./pages/ResourcePage"), "ResourcePage");
const ResourceFormPage = named(() => import("./pages/ResourceFormPage"), "ResourceFormPage");
const ResourceThemesPage = named(() => import("./pages/ResourceThemesPage"), "ResourceThemesPage");
const WellbeingPage = named(() => import("./pages/WellbeingPage"), "WellbeingPage");
const WellbeingCheckInPage = named(() => import("./pages/WellbeingCheckInPage"), "WellbeingCheckInPage");
const WellbeingSchoolPage = named(() => import("./pages/WellbeingSchoolPage"), "WellbeingSchoolPage");
const SupervisionPage = named(() => import("./pages/SupervisionPage"), "SupervisionPage");
const SupervisionSessionPage = named(() => import("./pages/SupervisionSessionPage"), "SupervisionSessionPage");
const TrainingPage = named(() => import("./pages/TrainingPage"), "TrainingPage");
const TrainingItemPage = named(() => import("./pages/TrainingItemPage"), "TrainingItemPage");
const CoverRequestsPage = named(() => import("./pages/CoverRequestsPage"), "CoverRequestsPage");
const CoverRequestPage = named(() => import("./pages/CoverRequestPage"), "CoverRequestPage");
const TrainingRecordsPage = named(() => import("./pages/TrainingRecordsPage"), "TrainingRecordsPage");
const TrainingRecordPage = named(() => import("./pages/TrainingRecordPage"), "TrainingRecordPage");
const NetworkPage = named(() => import("./pages/NetworkPage"), "NetworkPage");
const TrustCompliancePage = named(() => import("./pages/entitlements/TrustCompliancePage"), "TrustCompliancePage");
const SchoolCompliancePage = named(() => import("./pages/entitlements/SchoolCompliancePage"), "SchoolCompliancePage");
const PersonCompliancePage = named(() => import("./pages/entitlements/PersonCompliancePage"), "PersonCompliancePage");
const MyEntitlementPage = named(() => import("./pages/entitlements/PersonCompliancePage"), "MyEntitlementPage");
const PoliciesPage = named(() => import("./pages/entitlements/PoliciesPage"), "PoliciesPage");
const ProvisionsPage = named(() => import("./pages/entitlements/ProvisionsPage"), "ProvisionsPage");
const PolicyPage = named(() => import("./pages/entitlements/PolicyPage"), "PolicyPage");

export function App() {
  const { status, me, keepPlace } = useAuth();
  const location = useLocation();

  if (status === "loading") {
    return (
      <div className="boot">
        <Loading what="Loading MentorHub" />
      </div>
    );
  }

  // An invitation link opens its own page, whoever is (or is not) signed in on this browser.
  if (location.pathname === "/welcome") return <WelcomePage />;

  if (status === "signed-out" || !me) {
    if (location.pathname === "/sign-in") return <SignInPage />;
    const from = location.pathname + location.search;
    const returnTo = from === "/" || !keepPlace ? undefined : { from };
    return <Navigate to="/sign-in" replace state={returnTo} />;
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
      <Suspense fallback={<Loading what="Loading the page" />}>
      <Routes>
        <Route path="/" element={<HomePage />} />
        <Route path="/account/password" element={<ChangePasswordPage />} />
        <Route path="/account/calendar" element={<CalendarPage />} />
        <Route path="/my-week" element={<Need scope="mentoring:read"><MyWeekPage /></Need>} />
        <Route path="/pairings/:pairingId" element={<Need scope="mentoring:read"><PairingPage /></Need>} />
        <Route path="/pairings/:pairingId/meetings" element={<Need scope="mentoring:read"><PairingMeetingsPage /></Need>} />
        <Route path="/pairings/:pairingId/agreement" element={<Need scope="mentoring:read"><AgreementPage /></Need>} />
        <Route path="/pairings/:pairingId/slots/new" element={<Need scope="meetings:write"><SlotNewPage /></Need>} />
        <Route path="/pairings/:pairingId/slots/:slotId/change" element={<Need scope="meetings:write"><SlotChangePage /></Need>} />
        <Route path="/pairings/:pairingId/slots/:slotId/end" element={<Need scope="meetings:write"><SlotEndPage /></Need>} />
        <Route path="/meetings/:meetingId" element={<Need scope="mentoring:read"><MeetingPage /></Need>} />
        <Route path="/observations" element={<Need scope="observations:view"><ObservationsPage /></Need>} />
        <Route path="/observations/new" element={<Need scope="observations:write"><ObservationNewPage /></Need>} />
        <Route path="/observations/:observationId" element={<Need scope="observations:view"><ObservationPage /></Need>} />
        <Route path="/targets" element={<Need scope="observations:view"><TargetsPage /></Need>} />
        <Route path="/coverage" element={<Need scope="observations:view" when={readsCoverage(me)}><CoveragePage /></Need>} />
        <Route path="/resources" element={<Need scope="resources:read"><ResourcesPage /></Need>} />
        <Route path="/resources/bookmarks" element={<Need scope="resources:read"><BookmarksPage /></Need>} />
        <Route path="/resources/themes" element={<Need scope="resources:read"><ResourceThemesPage /></Need>} />
        <Route path="/resources/new" element={<Need scope="resources:write"><ResourceFormPage /></Need>} />
        <Route path="/resources/:resourceId" element={<Need scope="resources:read"><ResourcePage /></Need>} />
        <Route path="/resources/:resourceId/edit" element={<Need scope="resources:write"><ResourceFormPage /></Need>} />
        <Route path="/wellbeing" element={<Need scope="wellbeing:write"><WellbeingPage /></Need>} />
        <Route path="/wellbeing/school" element={<Need scope="wellbeing:write"><WellbeingSchoolPage /></Need>} />
        <Route path="/wellbeing/check-ins/:checkInId" element={<Need scope="wellbeing:write"><WellbeingCheckInPage /></Need>} />
        <Route path="/supervision" element={<Need scope="supervision:read"><SupervisionPage /></Need>} />
        <Route path="/supervision/:supervisionId" element={<Need scope="supervision:read"><SupervisionSessionPage /></Need>} />
        <Route path="/training" element={<Need scope="training:read"><TrainingPage /></Need>} />
        <Route path="/training/items/:itemId" element={<Need scope="training:read"><TrainingItemPage /></Need>} />
        <Route path="/training/cover" element={<Need scope="training:read"><CoverRequestsPage /></Need>} />
        <Route path="/training/cover/:coverId" element={<Need scope="training:read"><CoverRequestPage /></Need>} />
        <Route path="/training/records" element={<Need scope="training:read"><TrainingRecordsPage /></Need>} />
        <Route path="/training/records/:mentorId" element={<Need scope="training:read"><TrainingRecordPage /></Need>} />
        <Route path="/entitlements" element={<Need scope="entitlements:adopt"><TrustCompliancePage /></Need>} />
        <Route path="/entitlements/schools/:schoolId" element={<Need scope="entitlements:read"><SchoolCompliancePage /></Need>} />
        <Route path="/entitlements/schools/:schoolId/provisions" element={<Need scope="entitlements:read"><ProvisionsPage /></Need>} />
        <Route path="/entitlements/people/:userId" element={<Need scope="entitlements:read"><PersonCompliancePage /></Need>} />
        <Route path="/entitlements/policies" element={<Need scope="entitlements:read"><PoliciesPage /></Need>} />
        <Route path="/entitlements/policies/:policyId" element={<Need scope="entitlements:read"><PolicyPage /></Need>} />
        <Route path="/my-entitlement" element={<Need scope="entitlements:read"><MyEntitlementPage /></Need>} />
        <Route path="/network" element={<Need scope="mentoring:read"><NetworkPage /></Need>} />
        <Route path="/mentoring" element={<Need scope="mentoring:write"><MentoringPage /></Need>} />
        <Route path="/mentoring/pairings/new" element={<Need scope="mentoring:write"><PairingNewPage /></Need>} />
        <Route path="/mentoring/profiles" element={<Need scope="mentoring:write"><ProfilesPage /></Need>} />
        <Route path="/mentoring/meetings" element={<Need scope="mentoring:write"><SchoolMeetingsPage /></Need>} />
        <Route path="/mentoring/changes" element={<Need scope="mentoring:write"><ChangesPage /></Need>} />
        <Route path="/mentoring/import" element={<Need scope="mentoring:write"><ImportPage /></Need>} />
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
        <Route path="/providers" element={<Need scope="providers:manage"><ProvidersPage /></Need>} />
        <Route path="/providers/deliveries" element={<Need scope="providers:manage"><DeliveriesPage /></Need>} />
        <Route path="/providers/deliveries/:deliveryId" element={<Need scope="providers:manage"><DeliveryPage /></Need>} />
        <Route path="/providers/:providerId" element={<Need scope="providers:manage"><ProviderPage /></Need>} />
        <Route path="/audit" element={<Need scope="audit:read"><AuditPage /></Need>} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
      </Suspense>
    </Layout>
  );
}

/** Pages a person's scopes do not cover read as not found, as the API does. */
function Need({ scope, when = true, children }: { scope: string; when?: boolean; children: ReactNode }) {
  const { has } = useAuth();
  return has(scope) && when ? <>{children}</> : <NotFoundPage />;
}
