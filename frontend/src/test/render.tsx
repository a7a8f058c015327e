/** Renders into a happy-dom document for component tests (files that ask for `@vitest-environment happy-dom`). */
import { act, type ReactNode } from "react";
import { createRoot, type Root } from "react-dom/client";

// React only runs effects inside act() when it is told this is a test.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let mounted: { root: Root; host: HTMLElement }[] = [];

export async function render(ui: ReactNode): Promise<HTMLElement> {
  const host = document.createElement("div");
  document.body.appendChild(host);
  const root = createRoot(host);
  await act(async () => root.render(ui));
  mounted.push({ root, host });
  return host;
}

export async function rerender(host: HTMLElement, ui: ReactNode): Promise<void> {
  const found = mounted.find((m) => m.host === host);
  if (!found) throw new Error("not rendered with render()");
  await act(async () => found.root.render(ui));
}

export async function cleanup(): Promise<void> {
  for (const { root, host } of mounted) {
    await act(async () => root.unmount());
    host.remove();
  }
  mounted = [];
}

/** Runs `step` (a click, a key) and lets React finish what it sets off. */
export async function user(step: () => void): Promise<void> {
  await act(async () => step());
}

export function key(target: EventTarget, name: string): void {
  target.dispatchEvent(new KeyboardEvent("keydown", { key: name, bubbles: true }));
}
