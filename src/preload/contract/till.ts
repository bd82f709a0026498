/** Till integration: the local API a shop's own cash register drives the counter with (src/main/till). */

import type { Approval } from './staff';

/** Where the till API listens: this computer only, or the shop network (HTTPS only). */
export type TillBind = 'loopback' | 'lan';

export interface PairedTill {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface TillStatus {
  enabled: boolean;
  bind: TillBind;
  /** Where a till reaches the API while it is on, e.g. http://127.0.0.1:7610. */
  url: string | null;
  /** LAN only: SHA-256 fingerprint of the API's certificate, for the till to pin. */
  fingerprint: string | null;
  /** Why the API is not listening although it is on (port taken, certificate missing), in plain words. */
  problem: string | null;
  tills: PairedTill[];
  /** The current pairing code's expiry, when one is open (the code itself is shown once). */
  pairingExpiresAt: string | null;
}

export interface TillConfigureRequest {
  enabled: boolean;
  bind?: TillBind;
  approval?: Approval;
}

export interface TillPairingCode {
  /** 8 digits, shown once; the till exchanges it for its token at POST /v1/pairing. */
  code: string;
  expiresAt: string;
}

export interface TillRevokeRequest {
  id: number;
  approval?: Approval;
}
