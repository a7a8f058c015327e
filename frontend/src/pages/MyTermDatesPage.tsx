import { Page } from "../components/Page";

export function MyTermDatesPage() {
  return <Page title="MyTermDatesPage">Coming soon</Page>;
}
