import { Page } from "../components/Page";

export function PersonNewPage() {
  return <Page title="PersonNewPage">Coming soon</Page>;
}
