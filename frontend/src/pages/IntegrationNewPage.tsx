import { Page } from "../components/Page";

export function IntegrationNewPage() {
  return <Page title="IntegrationNewPage">Coming soon</Page>;
}
