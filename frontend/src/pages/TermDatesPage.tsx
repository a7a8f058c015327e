import { Page } from "../components/Page";

export function TermDatesPage() {
  return <Page title="TermDatesPage">Coming soon</Page>;
}
