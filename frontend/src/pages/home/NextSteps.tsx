/** The home page's "What to do next": the person's to-dos from every part of MentorHub, grouped
 * overdue, to do and coming up, each opening the page to act on. */
import { useState, type ReactNode } from "react";
import { Link } from "react-router";
import type { Todo } from "../../api/client";
import { Loaded } from "../../components/Page";
import { groupTodos, todoRoute, type TodoGroup } from "../../lib/todos";

// A long group shows this many until the person asks for the rest.
const SHOWN = 5;

export function NextSteps({ todos, empty }: { todos: { data: { items: Todo[] } | null; error: string | null }; empty: ReactNode }) {
  return (
    <section aria-labelledby="todo-heading" className="section">
      <h2 id="todo-heading">What to do next</h2>
      <Loaded load={todos} what="Loading what to do next">
        {({ items }) =>
          items.length === 0 ? (
            <div className="todo-empty">{empty}</div>
          ) : (
            groupTodos(items).map(({ group, heading, items: inGroup }) => <TodoGroupList key={group} group={group} heading={heading} items={inGroup} />)
          )
        }
      </Loaded>
    </section>
  );
}

function TodoGroupList({ group, heading, items }: { group: TodoGroup; heading: string; items: Todo[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, SHOWN);
  const id = `todo-${group}`;
  return (
    <div className={`todo-group todo-group--${group}`}>
      <h3 id={`${id}-heading`}>
        {heading} <span className="todo-group__count">({items.length})</span>
      </h3>
      <ul className="todo-list" id={`${id}-list`} aria-labelledby={`${id}-heading`}>
        {shown.map((todo, index) => (
          <li key={`${todo.kind}-${todo.target_id}-${index}`} className="todo">
            <TodoText todo={todo} />
          </li>
        ))}
      </ul>
      {items.length > SHOWN && (
        <button type="button" className="button button--link" aria-expanded={all} aria-controls={`${id}-list`} onClick={() => setAll(!all)}>
          {all ? `Show the first ${SHOWN} only` : `Show all ${items.length}`}
        </button>
      )}
    </div>
  );
}

/** The to-do's sentence, as a link to where to act; plain text when its target is not one the web app knows. */
function TodoText({ todo }: { todo: Todo }) {
  const route = todoRoute(todo);
  return route ? <Link to={route}>{todo.text}</Link> : <span>{todo.text}</span>;
}
