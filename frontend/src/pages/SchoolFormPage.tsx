import { Page } from "../components/Page";

export function SchoolFormPage() {
  return <Page title="SchoolFormPage">Coming soon</Page>;
}
