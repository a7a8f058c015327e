/** One screen: sets the document title and moves focus to its heading when it opens. */
import { useEffect, useRef, type ReactNode } from "react";
import { Link, useLocation } from "react-router";

export const APP_NAME = "MentorHub";

export function Page({ title, heading, children, lead }: { title: string; heading?: string; lead?: ReactNode; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – ${APP_NAME}`;
  }, [title]);
  useEffect(() => {
    ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <>
      <h1 ref={ref} tabIndex={-1}>
        {heading ?? title}
      </h1>
      {lead && <p className="lead">{lead}</p>}
      {children}
    </>
  );
}

export function Loading({ what = "Loading" }: { what?: string }) {
  return (
    <p className="loading" role="status">
      {what}…
    </p>
  );
}

export function Notice({ kind = "info", children }: { kind?: "info" | "success" | "error"; children: ReactNode }) {
  return (
    <div className={`notice notice--${kind}`} role={kind === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}

/** A screen whose record did not load (not found, or not open to the person): the error and a way back. */
export function LoadFailed({ title, error, backTo = "/", back = "Back to the home page" }: { title: string; error: string; backTo?: string; back?: string }) {
  return (
    <Page title={title}>
      <Notice kind="error">{error}</Notice>
      <Link to={backTo}>{back}</Link>
    </Page>
  );
}

/** A load's outcome on screen: its error, a loading line until the first answer, then `children` with the data. */
export function Loaded<T>({ load, what, children }: { load: { data: T | null; error: string | null }; what: string; children: (data: T) => ReactNode }) {
  return (
    <>
      {load.error && <Notice kind="error">{load.error}</Notice>}
      {!load.data && !load.error && <Loading what={what} />}
      {load.data && children(load.data)}
    </>
  );
}

/** A success or error line a screen shows after an action. */
export type Message = { kind: "success" | "error"; text: string };

/** A message handed over by the page that sent the person here ("School added"). */
export function LocationNotice() {
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  return notice ? <Notice kind="success">{notice}</Notice> : null;
}
