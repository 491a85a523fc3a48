import { base45Decode } from "./base45";
import { concatBytes, lengthPrefixed, utf8 } from "./bytes";
import {
  KEM_IDS,
  LENGTHS,
  PROTOCOL_VERSION,
  QR_SEAL_CONTEXT,
  QR_TEXT_PREFIX,
  type KemAlg,
} from "./constants";
import { DeviceCryptoError } from "./errors";
import { hpkeOpen, type RecipientKey } from "./hpke-open";

export interface QrPayload {
  /** The first two payload bytes (version, KEM code): the HPKE aad. */
  header: Uint8Array;
  kemAlg: KemAlg;
  enc: Uint8Array;
  ciphertext: Uint8Array;
}

export interface OpenedQr {
  qrSecret: Uint8Array;
  wifi?: { ssid: string; password: string };
}

/** Thrown for a QR that is not Onboard's or not for this firmware: the device shows a message, calls no API. */
export class ForeignQrError extends DeviceCryptoError {}

/** §4.1, §4.3: `OB1:` + base45 (never trimmed) → version, KEM code, enc, ciphertext. */
export function parseQrText(text: string, expectedKem: KemAlg): QrPayload {
  if (!text.startsWith(QR_TEXT_PREFIX))
    throw new ForeignQrError("not an Onboard pairing QR (no OB1: prefix)");
  const bytes = base45Decode(text.slice(QR_TEXT_PREFIX.length));
  const [version, kemCode] = bytes;
  if (version !== PROTOCOL_VERSION) {
    throw new ForeignQrError(`this QR is not for this firmware (version byte ${version ?? "missing"})`);
  }
  if (kemCode !== KEM_IDS[expectedKem]) {
    throw new ForeignQrError(
      `this QR is not for this firmware (KEM code ${kemCode ?? "missing"}, device uses ${expectedKem})`,
    );
  }
  const encLength = LENGTHS.enc[expectedKem];
  if (bytes.length < 2 + encLength + LENGTHS.qrSecret + LENGTHS.aesGcmTag) {
    throw new DeviceCryptoError("the QR payload is too short");
  }
  return {
    header: bytes.slice(0, 2),
    kemAlg: expectedKem,
    enc: bytes.slice(2, 2 + encLength),
    ciphertext: bytes.slice(2 + encLength),
  };
}

/** §4.1 HPKE info: LP(context) || LP(serial) — the device's own serial, so a QR for another device fails. */
export const qrSealInfo = (serial: string) =>
  concatBytes(lengthPrefixed(utf8(QR_SEAL_CONTEXT)), lengthPrefixed(utf8(serial)));

const fatalUtf8 = new TextDecoder("utf-8", { fatal: true });

/** §4.1 plaintext: exactly 32 bytes, or 32 + u8 len + SSID (1–32) + u8 len + password (0–64) and nothing more. */
function parseSealedPlaintext(plaintext: Uint8Array): OpenedQr {
  const qrSecret = plaintext.slice(0, LENGTHS.qrSecret);
  if (plaintext.length === LENGTHS.qrSecret) return { qrSecret };
  const rest = plaintext.slice(LENGTHS.qrSecret);
  const ssidLength = rest[0] ?? 0;
  const passwordLength = rest[1 + ssidLength];
  if (
    ssidLength < 1 ||
    ssidLength > 32 ||
    passwordLength === undefined ||
    passwordLength > 64 ||
    rest.length !== 2 + ssidLength + passwordLength
  ) {
    throw new DeviceCryptoError("the sealed plaintext has a length the protocol does not allow");
  }
  try {
    return {
      qrSecret,
      wifi: {
        ssid: fatalUtf8.decode(rest.slice(1, 1 + ssidLength)),
        password: fatalUtf8.decode(rest.slice(2 + ssidLength)),
      },
    };
  } catch {
    throw new DeviceCryptoError("the Wi-Fi network or password is not UTF-8");
  }
}

export function openQrPayload(payload: QrPayload, recipient: RecipientKey, serial: string): OpenedQr {
  const plaintext = hpkeOpen({
    recipient,
    enc: payload.enc,
    info: qrSealInfo(serial),
    aad: payload.header,
    ciphertext: payload.ciphertext,
  });
  return parseSealedPlaintext(plaintext);
}
