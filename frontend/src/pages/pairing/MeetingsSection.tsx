import type { Meeting } from "../../api/client";
import type { ListPage } from "../../components/DataTable";
import { MeetingTable } from "../../components/Meetings";
import { Loaded } from "../../components/Page";

/** Some of a pairing's meetings under a heading, saying how many there are in all when not every one is shown. */
export function MeetingsSection({
  id,
  heading,
  meetings,
  caption,
  meId,
  empty,
  more,
  compact = false,
}: {
  id: string;
  heading: string;
  meetings: { data: ListPage<Meeting> | null; error: string | null };
  caption: string;
  meId: string | undefined;
  empty: string;
  /** The line under a list cut short, like "The next 6 of 30 meetings." */
  more: (shown: number, total: number) => string;
  /** When and how it stands only: the pair is the page's own. */
  compact?: boolean;
}) {
  return (
    <section className="section" aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      <Loaded load={meetings} what="Loading meetings">
        {(page) => (
          <>
            <MeetingTable meetings={page.items} caption={caption} meId={meId} empty={empty} compact={compact} />
            {page.total > page.items.length && <p>{more(page.items.length, page.total)}</p>}
          </>
        )}
      </Loaded>
    </section>
  );
}
