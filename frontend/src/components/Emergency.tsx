/** What every wellbeing screen says first: a check-in is not for emergencies, and who to contact instead. */
export function EmergencyNotice() {
  return (
    <section className="emergency" aria-labelledby="emergency-heading">
      <h2 id="emergency-heading">A check-in is not an emergency channel</h2>
      <p>Nobody watches check-ins as they arrive, and a request to talk may not be seen for days. If you need help now:</p>
      <ul>
        <li>If you or someone else is in danger, call emergency services on 999.</li>
        <li>For urgent health advice, call NHS 111.</li>
        <li>If you are worried about a child or a young person, tell your school's designated safeguarding lead straight away.</li>
        <li>Education Support's free, confidential helpline for teachers and staff in education is open day and night: 08000 562 561.</li>
      </ul>
    </section>
  );
}
