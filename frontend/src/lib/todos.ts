/** To-dos on the home page: where each one opens, and how they are grouped. */
import type { Todo } from "../api/client";

export type TodoGroup = Todo["group"];

export const TODO_GROUPS: { group: TodoGroup; heading: string }[] = [
  { group: "overdue", heading: "Overdue" },
  { group: "to_do", heading: "To do" },
  { group: "coming_up", heading: "Coming up" },
];

// Some kinds open a page closer to the action than their target's own page.
const KIND_ROUTES: Record<string, (id: string) => string> = {
  "agreement.to_set_up": (id) => `/pairings/${id}/agreement`,
  "slot.missing": (id) => `/pairings/${id}/slots/new`,
  "meetings.on_closure_day": (id) => `/schools/${id}/term-dates`,
};

const TARGET_ROUTES: Record<string, (id: string) => string> = {
  pairing: (id) => `/pairings/${id}`,
  meeting: (id) => `/meetings/${id}`,
  observation: (id) => `/observations/${id}`,
  wellbeing_check_in: (id) => `/wellbeing/check-ins/${id}`,
  supervision: (id) => `/supervision/${id}`,
  training_item: (id) => `/training/items/${id}`,
  cover_request: (id) => `/training/cover/${id}`,
  user: (id) => `/people/${id}`,
  school: (id) => `/people?school=${encodeURIComponent(id)}`,
};

/** The page a to-do opens, or null when the web app does not know its target (it is shown as text). */
export function todoRoute(todo: Pick<Todo, "kind" | "target_type" | "target_id">): string | null {
  const route = KIND_ROUTES[todo.kind] ?? TARGET_ROUTES[todo.target_type as string];
  return route ? route(todo.target_id) : null;
}

/** The to-dos in their groups, in the order the groups are shown, leaving out empty groups; an
 * unknown group counts as "To do" so nothing a newer server sends is lost. */
export function groupTodos(todos: Todo[]): { group: TodoGroup; heading: string; items: Todo[] }[] {
  const known = new Set<string>(TODO_GROUPS.map((g) => g.group));
  return TODO_GROUPS.map(({ group, heading }) => ({
    group,
    heading,
    items: todos.filter((t) => (known.has(t.group) ? t.group === group : group === "to_do")),
  })).filter((g) => g.items.length > 0);
}
