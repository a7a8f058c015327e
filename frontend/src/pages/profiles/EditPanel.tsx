import { useEffect, useRef, type ReactNode } from "react";

/** The heading of an edit form takes focus when it opens, so the form is announced. */
export function EditPanel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <div className="panel">
      <h3 id={id} ref={heading} tabIndex={-1}>
        {title}
      </h3>
      {children}
    </div>
  );
}
