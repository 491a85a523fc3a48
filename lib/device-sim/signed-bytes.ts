import { concatBytes, lengthPrefixed, utf8 } from "./bytes";
import { PROTOCOL_VERSION, SIGNATURE_CONTEXTS } from "./constants";

export type SignedKind = keyof typeof SIGNATURE_CONTEXTS;

/** §5.5 `details` of the connected report. */
export interface ConnectedDetails {
  via: "mqtt_connack" | "event_accepted";
  client_id: string;
  elapsed_ms: number;
  firmware: string;
}

export interface SignedFields {
  nonce: Uint8Array;
  sessionId: Uint8Array;
  serial: string;
}

const u32be = (n: number) => Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);

/** §6: every field length-prefixed, in this order; nothing else (no JSON) is signed. */
export function signedBytes(kind: "redeem" | "ack", fields: SignedFields): Uint8Array;
export function signedBytes(kind: "connected", fields: SignedFields, details: ConnectedDetails): Uint8Array;
export function signedBytes(kind: SignedKind, fields: SignedFields, details?: ConnectedDetails): Uint8Array {
  const common = [
    utf8(SIGNATURE_CONTEXTS[kind]),
    Uint8Array.of(PROTOCOL_VERSION),
    fields.nonce,
    fields.sessionId,
    utf8(fields.serial),
  ];
  const extra = details
    ? [utf8(details.via), utf8(details.client_id), u32be(details.elapsed_ms), utf8(details.firmware)]
    : [];
  return concatBytes(...[...common, ...extra].map(lengthPrefixed));
}
