import { Link } from "@react-email/components";
import type { PropertyInfo } from "@/lib/server/property/get-property-info";
import { formatDate, plural } from "@/lib/site/format";
import { EmailFrame, P } from "./parts";

// The owner's channel sync alerts (#17). Owner-only mail, so a conflict names the guest of ours
// it collides with; neither ever carries a feed's URL (a secret of the owner's channel account).

export interface ConflictFacts {
  unitName: string;
  channel: string;
  /** Nights the other channel sold [start, end). */
  blockStart: string;
  blockEnd: string;
  nights: number;
  /** Our stay the block overlaps: a confirmed booking (with its code) or a guest paying now. */
  stay: { kind: "booking"; code: string } | { kind: "hold" };
  guestName: string;
  stayStart: string;
  stayEnd: string;
  consoleUrl: string;
}

export interface StaleFeedFacts {
  unitName: string;
  channel: string;
  /** When the feed was last read successfully, in the property's time zone; null = never. */
  lastSuccess: string | null;
  /** Short reason of the last failure ("http 500", "timeout"). */
  lastError: string | null;
  consoleUrl: string;
}

const stayLabel = (stay: ConflictFacts["stay"]) => (stay.kind === "booking" ? `booking ${stay.code}` : "a guest paying now");

export function channelConflictSubject(c: ConflictFacts): string {
  return `Double booking: ${c.channel} sold ${c.unitName} ${c.blockStart} → ${c.blockEnd} over ${stayLabel(c.stay)}`;
}

export function ChannelConflictAlert(props: { conflict: ConflictFacts; property: PropertyInfo }) {
  const c = props.conflict;
  return (
    <EmailFrame preview={channelConflictSubject(c)} title="Double booking with another channel" property={props.property}>
      <P>
        <strong>Unit:</strong> {c.unitName}
      </P>
      <P>
        <strong>Sold on {c.channel}:</strong> {formatDate(c.blockStart)} → {formatDate(c.blockEnd)} ({plural(c.nights, "night")})
      </P>
      <P>
        <strong>{c.stay.kind === "booking" ? `Our booking ${c.stay.code}:` : "Our guest paying now (hold):"}</strong> {c.guestName},{" "}
        {formatDate(c.stayStart)} → {formatDate(c.stayEnd)}
      </P>
      <P>
        The other channel&apos;s nights are blocked here as they were sold there; both guests expect the unit. Cancel one of the
        stays, on {c.channel} or here, and tell that guest.
      </P>
      <P>
        <Link href={c.consoleUrl}>{c.stay.kind === "booking" ? "Open the booking in the console" : "Open the console"}</Link>
      </P>
    </EmailFrame>
  );
}

export function channelFeedStaleSubject(f: StaleFeedFacts): string {
  return `Calendar not updating: ${f.unitName} from ${f.channel}`;
}

export function ChannelFeedStaleAlert(props: { feed: StaleFeedFacts; property: PropertyInfo }) {
  const f = props.feed;
  return (
    <EmailFrame preview={channelFeedStaleSubject(f)} title="A channel calendar is not updating" property={props.property}>
      <P>
        The {f.channel} calendar of {f.unitName} {f.lastSuccess ? `was last read successfully on ${f.lastSuccess}` : "has never been read"}, and
        reading it keeps failing. Nights sold on {f.channel} since then are not blocked here, so a guest could book them on our
        site.
      </P>
      {f.lastError ? (
        <P>
          <strong>Last error:</strong> {f.lastError}
        </P>
      ) : null}
      <P>
        Check the calendar link in your {f.channel} account. This email comes once; another comes only if the calendar recovers and
        then stops updating again.
      </P>
      <P>
        <Link href={f.consoleUrl}>Open the console</Link>
      </P>
    </EmailFrame>
  );
}
