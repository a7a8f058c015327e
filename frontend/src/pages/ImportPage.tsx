import { useEffect, useRef, useState } from "react";
import { api, unwrap, type ImportReport } from "../api/client";
import { ApiError, problemList } from "../api/problems";
import { DataTable } from "../components/DataTable";
import { Button, ErrorSummary, TextField } from "../components/forms";
import { plural } from "../components/Meetings";
import { MentoringNav, useMentoringSchool } from "../components/MentoringNav";
import { formatDate } from "../lib/labels";
import { Page } from "../components/Page";
import { invitationUrl } from "./person/InvitationLink";
import { saveFile } from "../lib/download";

/** Bulk onboarding: a dry run reports every bad row by line and column; a commit writes all or nothing. */
export function ImportPage() {
  const context = useMentoringSchool();
  const school = context.school;
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [download, setDownload] = useState<string | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const [fileKey, setFileKey] = useState(0);
  const [shown, setShown] = useState(0);

  useEffect(() => {
    if (shown > 0) resultHeading.current?.focus();
  }, [shown]);

  function fail(message: string, onField = true) {
    if (onField) {
      setFileError(message);
      setGeneral([]);
    } else {
      setFileError(null);
      setGeneral([message]);
    }
    setAttempt((n) => n + 1);
  }

  async function downloadTemplate() {
    setDownload(null);
    try {
      const text = await unwrap(api.GET("/api/v1/imports/template.csv", { parseAs: "text" }));
      saveFile(text as string, "mentorhub-import.csv");
      setDownload("The template has been downloaded as mentorhub-import.csv.");
    } catch (e) {
      setDownload(e instanceof Error ? `The template could not be downloaded: ${e.message}` : "The template could not be downloaded.");
    }
  }

  async function chooseFile(event: React.ChangeEvent<HTMLInputElement>) {
    setReport(null);
    setDone(null);
    const chosen = event.target.files?.[0];
    if (!chosen) {
      setFile(null);
      return;
    }
    setFile({ name: chosen.name, text: await chosen.text() });
  }

  async function send(dryRun: boolean): Promise<ImportReport | null> {
    if (!school || !file) return null;
    return unwrap(
      api.POST("/api/v1/schools/{school_id}/imports", {
        params: { path: { school_id: school.id }, query: { dry_run: dryRun } },
        body: file.text,
        bodySerializer: (body) => body as string,
        headers: { "Content-Type": "text/csv" },
      }),
    );
  }

  async function onCheck(event: React.FormEvent) {
    event.preventDefault();
    setDone(null);
    setReport(null);
    if (!file) return fail("Choose a CSV file to check");
    if (!file.name.toLowerCase().endsWith(".csv")) return fail("The file must be a .csv file");
    if (!file.text.trim()) return fail("The file is empty");
    setBusy(true);
    try {
      const result = await send(true);
      setFileError(null);
      setGeneral([]);
      setReport(result);
      setShown((n) => n + 1);
    } catch (e) {
      fail(e instanceof Error ? e.message : "Checking did not work.", false);
    } finally {
      setBusy(false);
    }
  }

  async function onCommit() {
    setBusy(true);
    try {
      const result = await send(false);
      setReport(null);
      setDone(result);
      setFile(null);
      setFileKey((n) => n + 1);
      setShown((n) => n + 1);
    } catch (e) {
      const rows = problemList(e, "import_errors");
      if (rows && report) {
        setReport({ ...report, errors: rows });
        setShown((n) => n + 1);
      }
      fail(e instanceof ApiError ? e.message : "Importing did not work.", false);
    } finally {
      setBusy(false);
    }
  }

  const summary = [...general.map((message) => ({ message })), ...(fileError ? [{ fieldId: "import-file", message: fileError }] : [])];
  const clean = report !== null && report.errors.length === 0;

  return (
    <Page title="Import from a spreadsheet" lead={school?.name}>
      <MentoringNav context={context} />
      {school && (
        <>
          <section className="section" aria-labelledby="template-heading">
            <h2 id="template-heading">1. Fill in the template</h2>
            <p>
              One row per person: staff with their role, mentor and mentee details, and for mentees the mentor they are paired with. People who
              already exist are matched by email address. Write dates as 2026-09-01 or, as a spreadsheet saved in the UK does, 01/09/2026 (day
              first).
            </p>
            <Button variant="secondary" onClick={downloadTemplate}>
              Download the template (CSV)
            </Button>
            <p role="status" className="hint">
              {download ?? ""}
            </p>
          </section>

          <section className="section" aria-labelledby="check-heading">
            <h2 id="check-heading">2. Check the file</h2>
            <p>Checking changes nothing. It lists every problem by line and column, so you can fix them all at once.</p>
            <ErrorSummary items={summary} focusKey={attempt} />
            <form onSubmit={onCheck} noValidate className="form" aria-labelledby="check-heading">
              <TextField
                label="CSV file"
                hint="Save the spreadsheet as CSV UTF-8."
                type="file"
                id="import-file"
                name="file"
                accept=".csv,text/csv"
                key={fileKey}
                error={fileError ?? undefined}
                onChange={chooseFile}
              />
              <Button type="submit" disabled={busy}>
                Check the file
              </Button>
            </form>
          </section>

          {report && (
            <section className="panel result" aria-labelledby="report-heading">
              <h2 id="report-heading" ref={resultHeading} tabIndex={-1}>
                {clean ? `Ready to import ${plural(report.rows, "row")}` : `${plural(report.errors.length, "problem")} in ${file?.name ?? "the file"}`}
              </h2>
              <ImportCounts
                report={report}
                prefix={
                  clean
                    ? "Importing will add"
                    : "Once the problems are fixed, importing will add at least"
                }
              />
              {!clean && (
                <>
                  <p>
                    The {plural(report.rows_with_problems, "row")} with problems may add more once fixed. Nothing can be imported until every problem is
                    fixed: fix these in the spreadsheet, save it as CSV again and check it again.
                  </p>
                  <DataTable
                    caption="Problems by line and column"
                    showCaption
                    rows={report.errors}
                    rowKey={(row, index) => `${row.line}-${row.column}-${index}`}
                    columns={[
                      { header: "Line", cell: (row) => row.line },
                      { header: "Column", cell: (row) => <code>{row.column}</code> },
                      { header: "Problem", cell: (row) => row.detail },
                    ]}
                  />
                </>
              )}
              <p className="hint" id="commit-hint">
                {clean ? "Everything in the file is written together, or nothing is." : "The import button works once the check finds no problems."}
              </p>
              <Button onClick={onCommit} disabled={!clean || busy} aria-describedby="commit-hint">
                {clean ? `Import ${plural(report.rows, "row")}` : "Import"}
              </Button>
            </section>
          )}

          {done && (
            <section className="panel result" aria-labelledby="done-heading">
              <h2 id="done-heading" ref={resultHeading} tabIndex={-1}>
                Imported {plural(done.rows, "row")}
              </h2>
              <ImportCounts report={done} prefix="Added" />
              <SetUpLinks report={done} />
            </section>
          )}
        </>
      )}
    </Page>
  );
}

function csvCell(value: string): string {
  // Quoted, and never read as a formula by a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** What the lead does next: send each new person their one-time set-up link. */
function SetUpLinks({ report }: { report: ImportReport }) {
  const [saved, setSaved] = useState<string | null>(null);
  const links = report.invitations ?? [];
  if (links.length === 0) return null;
  function downloadLinks() {
    const rows = [["name", "email", "link"], ...links.map((l) => [l.full_name, l.email, invitationUrl(l.path)])];
    saveFile(rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n", "mentorhub-set-up-links.csv");
    setSaved("The links have been downloaded as mentorhub-set-up-links.csv.");
  }
  const expires = links[0].expires_at.slice(0, 10);
  return (
    <>
      <h3>Next: send each new person their set-up link</h3>
      <p>
        {plural(links.length, "new person", "new people")} cannot sign in yet. Each has a link of their own, with which they choose their
        password and sign in. The links work once, until {formatDate(expires)}, and are shown only now: download them and send each person
        theirs (a mail merge works well). You can send a new link from a person&apos;s page at any time.
      </p>
      <Button onClick={downloadLinks}>Download the set-up links (CSV)</Button>
      <p role="status" className="hint">
        {saved ?? ""}
      </p>
    </>
  );
}

function ImportCounts({ report, prefix }: { report: ImportReport; prefix: string }) {
  return (
    <>
      <p>{prefix}:</p>
      <ul className="role-list">
        <li>{plural(report.people_created, "new person", "new people")}</li>
        <li>{plural(report.roles_added, "role")}</li>
        <li>{plural(report.mentor_profiles, "mentor profile")}</li>
        <li>{plural(report.mentee_profiles, "mentee profile")}</li>
        <li>{plural(report.pairings, "pairing")}</li>
      </ul>
    </>
  );
}
