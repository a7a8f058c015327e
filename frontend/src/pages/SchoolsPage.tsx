import { Page } from "../components/Page";

export function SchoolsPage() {
  return <Page title="SchoolsPage">Coming soon</Page>;
}
