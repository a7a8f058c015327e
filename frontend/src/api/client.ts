/** The typed API client: openapi-fetch over the generated schema, with the session's token. */
import createClient from "openapi-fetch";
import type { components, paths } from "./schema";
import { Session } from "../auth/session";
import { ApiError, isProblem } from "./problems";

export type Schemas = components["schemas"];
export type Me = Schemas["MePublic"];
export type Role = Schemas["Role"];
export type Phase = Schemas["Phase"];
export type School = Schemas["SchoolPublic"];
export type TermDate = Schemas["TermDatePublic"];
export type User = Schemas["UserPublic"];
export type UserDetail = Schemas["UserDetail"];
export type AccountStatus = Schemas["AccountStatus"];
export type InvitationIssued = Schemas["InvitationIssued"];
export type ApiClient = Schemas["ApiClientPublic"];
export type AuditEvent = Schemas["AuditEventPublic"];
export type PersonRef = Schemas["PersonRef"];
export type Pairing = Schemas["PairingPublic"];
export type PairingDetail = Schemas["PairingDetail"];
export type PairingKind = Schemas["PairingKind"];
export type Agreement = Schemas["AgreementPublic"];
export type AgreementTerms = Schemas["AgreementTerms"];
export type Slot = Schemas["SlotPublic"];
export type Meeting = Schemas["MeetingPublic"];
export type MeetingDetail = Schemas["MeetingDetail"];
export type MeetingAction = Schemas["ActionPublic"];
export type Todo = Schemas["TodoPublic"];
export type Clash = Schemas["ClashPublic"];
export type MentorProfile = Schemas["MentorProfilePublic"];
export type MenteeProfile = Schemas["MenteeProfilePublic"];
export type Pathway = Schemas["Pathway"];
export type ImportReport = Schemas["ImportReport"];
export type RowProblem = Schemas["RowProblem"];

export const session = new Session();

export const api = createClient<paths>({
  baseUrl: globalThis.location?.origin ?? "",
  fetch: (request) => session.fetch(request),
  credentials: "same-origin",
});

interface Result<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Unwraps an openapi-fetch result: the data, or an ApiError carrying the problem. */
export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await pending;
  } catch {
    throw new ApiError(0, null, "MentorHub could not be reached. Check your connection and try again.");
  }
  if (result.response.ok) return result.data as T;
  throw new ApiError(result.response.status, isProblem(result.error) ? result.error : null);
}

export const PAGE_SIZE = 25;
/** The server caps list sizes at 200; used where a form needs every school. */
export const MAX_PAGE = 200;
export type Observation = Schemas["ObservationPublic"];
export type ObservationDetail = Schemas["ObservationDetail"];
export type ObserverRole = Schemas["ObserverRole"];
export type ObservationKind = Schemas["ObservationKind"];
export type ObservationStatus = Schemas["ObservationStatus"];
export type Target = Schemas["TargetPublic"];
export type TargetStatus = Schemas["TargetStatus"];
export type BoardTarget = Schemas["BoardTarget"];
export type Resource = Schemas["ResourcePublic"];
export type ResourceDetail = Schemas["ResourceDetail"];
export type ResourceKind = Schemas["ResourceKind"];
export type Theme = Schemas["Theme"];
export type Audience = Schemas["Audience"];
export type ResourcePhase = Schemas["ResourcePhase"];
export type ThemePrompts = Schemas["ThemePrompts"];
export type Suggestion = Schemas["Suggestion"];
