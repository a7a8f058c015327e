// @vitest-environment happy-dom
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, key, render, user } from "../test/render";
import { Layout } from "./Layout";

vi.mock("../auth/AuthContext", () => ({
  useAuth: () => ({
    me: { full_name: "Sam Lead", trust_name: "Demo Trust", roles: [] },
    has: () => true,
    isTrustAdmin: false,
    signOut: async () => {},
    schools: [],
    currentSchool: null,
    setCurrentSchoolId: () => {},
  }),
}));

afterEach(cleanup);

describe("the phone menu", () => {
  it("closes on Escape and gives focus back to the Menu button", async () => {
    const host = await render(
      <MemoryRouter>
        <Layout>
          <p>Page</p>
        </Layout>
      </MemoryRouter>,
    );
    const toggle = host.querySelector<HTMLButtonElement>(".menu-toggle")!;
    await user(() => toggle.click());
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    const firstLink = host.querySelector<HTMLAnchorElement>("#main-nav a")!;
    firstLink.focus();
    await user(() => key(firstLink, "Escape"));
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(host.querySelector("#main-nav")!.classList.contains("nav--open")).toBe(false);
    expect(document.activeElement).toBe(toggle);
  });

  it("leaves a closed menu and focus alone on Escape", async () => {
    const host = await render(
      <MemoryRouter>
        <Layout>
          <input aria-label="Search" />
        </Layout>
      </MemoryRouter>,
    );
    const search = host.querySelector("input")!;
    search.focus();
    await user(() => key(search, "Escape"));
    expect(document.activeElement).toBe(search);
  });
});
