/** Words for the resource library: kinds, themes, audiences, phases, and the link check. */
import type { Audience, ResourceKind, ResourcePhase, Theme } from "../api/client";

export const KIND_LABELS: Record<ResourceKind, string> = {
  article: "Article",
  handbook: "Handbook",
  website: "Website",
  online_course: "Online course",
  book: "Book",
  video: "Video",
  report: "Report",
  guide: "Guide",
};
export const KINDS = Object.keys(KIND_LABELS) as ResourceKind[];

export const THEME_LABELS: Record<Theme, string> = {
  "challenge-and-support": "Challenge and support",
  "working-collaboratively": "Working collaboratively",
  contracting: "Contracting",
  "observation-and-feedback": "Observation and feedback",
  wellbeing: "Wellbeing",
  behaviour: "Behaviour",
  assessment: "Assessment",
  "research-and-policy": "Research and policy",
  "early-years": "Early years",
  primary: "Primary",
  "post-16": "Post-16",
  "mentor-development": "Mentor development",
};
export const THEMES = Object.keys(THEME_LABELS) as Theme[];

export const AUDIENCE_LABELS: Record<Audience, string> = { mentor: "Mentors", mentee: "Mentees", lead: "Leads" };
export const AUDIENCES = Object.keys(AUDIENCE_LABELS) as Audience[];

export const RESOURCE_PHASE_LABELS: Record<ResourcePhase, string> = {
  early_years: "Early years",
  primary: "Primary",
  secondary: "Secondary",
  post_16: "Post-16",
};
export const RESOURCE_PHASES = Object.keys(RESOURCE_PHASE_LABELS) as ResourcePhase[];

const WEB_LINK = /^https?:\/\/[A-Za-z0-9][A-Za-z0-9.-]{0,252}(:[0-9]{1,5})?([/?#][^\s<>"]{0,1900})?$/;

/** What is wrong with a link, or null: http and https only, like the server. */
export function linkProblem(link: string): string | null {
  const value = link.trim();
  if (!value) return null;
  const scheme = value.includes(":") ? value.split(":", 1)[0].toLowerCase() : "";
  if (scheme !== "http" && scheme !== "https") {
    return `${scheme ? `A ${scheme}: link` : "This link"} is not a web address; give a link starting with http:// or https://`;
  }
  return WEB_LINK.test(value) ? null : "Enter a web address: http:// or https://, then a host name, with no spaces";
}

/** A link safe to put in an href: only web addresses (the server refuses others too). */
export function safeHref(link: string | null | undefined): string | undefined {
  return link && linkProblem(link) === null ? link : undefined;
}

/** "Book · Routledge · 2017" */
export function resourceByline(r: { kind: ResourceKind; publisher: string; year: number | null }): string {
  return [KIND_LABELS[r.kind], r.publisher, r.year ? String(r.year) : ""].filter(Boolean).join(" · ");
}
