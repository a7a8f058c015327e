import { Page } from "../components/Page";

export function PersonPage() {
  return <Page title="PersonPage">Coming soon</Page>;
}
