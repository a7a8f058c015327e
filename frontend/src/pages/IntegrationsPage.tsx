import { Page } from "../components/Page";

export function IntegrationsPage() {
  return <Page title="IntegrationsPage">Coming soon</Page>;
}
