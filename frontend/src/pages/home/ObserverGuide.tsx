/** For someone whose only role is observer: what their home will show, and how they will know. */
import { Link } from "react-router";

export function ObserverGuide({ schoolNames }: { schoolNames: string[] }) {
  const at = schoolNames.length > 0 ? ` at ${schoolNames.join(" and ")}` : "";
  return (
    <section aria-labelledby="observer-heading" className="section">
      <h2 id="observer-heading">What you will see here</h2>
      <p>
        As an observer{at}, you will be asked to watch lessons taught by trainee and early career teachers and to give them
        feedback. Each one you are asked to make is listed under “What to do next” on this page, with:
      </p>
      <ul className="item-list">
        <li>the teacher, and the class, subject and year group;</li>
        <li>the date and time, soonest first, and what to focus on;</li>
        <li>afterwards, a reminder to write up your feedback.</li>
      </ul>
      <p>
        A school lead or mentor asks you; you see the request here the next time you sign in, and it goes into your MentorHub calendar
        feed too. All of them, past and to come, are on the <Link to="/observations">Observations</Link> page. If your role or
        school below looks wrong, ask your school lead.
      </p>
    </section>
  );
}
