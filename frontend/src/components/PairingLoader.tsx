import type { ReactNode } from "react";
import { api, unwrap, type Agreement, type PairingDetail } from "../api/client";
import { allAgreements } from "../lib/mentoringLists";
import { LoadFailed, Loading } from "./Page";
import { useLoad } from "./useLoad";

/** Loads a pairing and its current agreement, then renders `children` with them; shows the
 * loading state and any error itself, under `title`. */
export function PairingLoader({
  pairingId,
  title,
  children,
}: {
  pairingId: string;
  title: string;
  children: (pairing: PairingDetail, current: Agreement | null) => ReactNode;
}) {
  const path = { params: { path: { pairing_id: pairingId } } };
  const pairing = useLoad(() => unwrap(api.GET("/api/v1/pairings/{pairing_id}", path)), [pairingId]);
  const versions = useLoad(() => allAgreements(pairingId), [pairingId]);
  const error = pairing.error ?? versions.error;
  if (error) return <LoadFailed title={title} error={error} />;
  if (!pairing.data || !versions.data) return <Loading what={`Loading: ${title.toLowerCase()}`} />;
  return <>{children(pairing.data, versions.data.find((a) => a.current) ?? null)}</>;
}
