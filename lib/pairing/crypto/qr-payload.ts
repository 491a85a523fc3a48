/**
 * The pairing QR: the QR secret (and optional Wi-Fi) sealed with HPKE to the device, and nothing else: no URL,
 * no session id in the clear. Layout (docs/pairing-protocol.md §4):
 *   text  = "OB1:" || base45(bytes)
 *   bytes = version (1) || kem code (1) || enc || HPKE ciphertext
 *   HPKE info = LP("onboard/pairing/v1/qr-seal") || LP(serial), aad = the two header bytes
 *   plaintext = qr_secret (32) [|| u8 ssid length || ssid || u8 password length || password]
 * The builder is browser-safe; parse/open are the device side (and the simulator's and tests').
 */
import {
  CONTEXT,
  LENGTHS,
  LIMITS,
  PROTOCOL_VERSION,
  QR_KEM_CODE,
  QR_TEXT_PREFIX,
  type KemAlg,
} from "../protocol";
import { base45Decode, base45Encode } from "./base45";
import { concatBytes, frame, utf8 } from "./bytes";
import { PairingCryptoError } from "./errors";
import { hpkeOpen, hpkeSeal } from "./hpke";
import { DHKEMS } from "./kem";

export interface WifiCredentials {
  ssid: string;
  /** Empty for an open network. */
  password: string;
}

export interface QrContents {
  qrSecret: Uint8Array;
  wifi?: WifiCredentials;
}

export interface BuildQrPayloadInput extends QrContents {
  serial: string;
  kemAlg: KemAlg;
  kemPublicKey: Uint8Array;
  /** Test vectors only: a fixed HPKE ephemeral key. */
  ephemeralSecretKey?: Uint8Array;
}

export interface ParsedQrPayload {
  version: number;
  kemAlg: KemAlg;
  enc: Uint8Array;
  ciphertext: Uint8Array;
  /** The header bytes, which are the HPKE aad. */
  header: Uint8Array;
}

const HEADER_LENGTH = 2;
const MIN_SEALED_LENGTH = LENGTHS.qrSecret + LENGTHS.gcmTag;

export function qrSealInfo(serial: string): Uint8Array {
  return frame(utf8(CONTEXT.qrSealInfo), utf8(serial));
}

function encodeWifi(wifi: WifiCredentials): Uint8Array {
  const ssid = utf8(wifi.ssid);
  const password = utf8(wifi.password);
  if (ssid.length < 1 || ssid.length > LIMITS.wifiSsidMaxBytes) {
    throw new PairingCryptoError("bad_length", `a Wi-Fi SSID is 1 to ${LIMITS.wifiSsidMaxBytes} bytes`);
  }
  if (password.length > LIMITS.wifiPasswordMaxBytes) {
    throw new PairingCryptoError(
      "bad_length",
      `a Wi-Fi password is at most ${LIMITS.wifiPasswordMaxBytes} bytes`,
    );
  }
  return concatBytes(Uint8Array.of(ssid.length), ssid, Uint8Array.of(password.length), password);
}

function decodeContents(plaintext: Uint8Array): QrContents {
  const badPlaintext = () => new PairingCryptoError("bad_plaintext", "the sealed QR contents are malformed");
  if (plaintext.length < LENGTHS.qrSecret) throw badPlaintext();
  const qrSecret = plaintext.slice(0, LENGTHS.qrSecret);
  if (plaintext.length === LENGTHS.qrSecret) return { qrSecret };
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let offset = LENGTHS.qrSecret;
  const readField = (min: number, max: number): string => {
    const length = plaintext[offset];
    if (length === undefined || length < min || length > max || offset + 1 + length > plaintext.length) {
      throw badPlaintext();
    }
    const bytes = plaintext.subarray(offset + 1, offset + 1 + length);
    offset += 1 + length;
    try {
      return decoder.decode(bytes);
    } catch {
      throw badPlaintext();
    }
  };
  const ssid = readField(1, LIMITS.wifiSsidMaxBytes);
  const password = readField(0, LIMITS.wifiPasswordMaxBytes);
  if (offset !== plaintext.length) throw badPlaintext();
  return { qrSecret, wifi: { ssid, password } };
}

export function buildQrPayload(input: BuildQrPayloadInput): { text: string; bytes: Uint8Array } {
  if (input.qrSecret.length !== LENGTHS.qrSecret) {
    throw new PairingCryptoError("bad_length", `a QR secret is ${LENGTHS.qrSecret} bytes`);
  }
  const header = Uint8Array.of(PROTOCOL_VERSION, QR_KEM_CODE[input.kemAlg]);
  const plaintext = input.wifi ? concatBytes(input.qrSecret, encodeWifi(input.wifi)) : input.qrSecret;
  const sealed = hpkeSeal({
    kem: DHKEMS[input.kemAlg],
    recipientPublicKey: input.kemPublicKey,
    info: qrSealInfo(input.serial),
    aad: header,
    plaintext,
    ephemeralSecretKey: input.ephemeralSecretKey,
  });
  const bytes = concatBytes(header, sealed.enc, sealed.ciphertext);
  return { text: QR_TEXT_PREFIX + base45Encode(bytes), bytes };
}

export function parseQrPayload(text: string): ParsedQrPayload {
  if (!text.startsWith(QR_TEXT_PREFIX)) {
    throw new PairingCryptoError("bad_encoding", `a pairing QR starts with ${QR_TEXT_PREFIX}`);
  }
  const bytes = base45Decode(text.slice(QR_TEXT_PREFIX.length));
  const [version, kemCode] = bytes;
  if (version !== PROTOCOL_VERSION) {
    throw new PairingCryptoError(
      "unsupported_version",
      "this QR uses a protocol version this code does not know",
    );
  }
  const kemAlg = (Object.keys(QR_KEM_CODE) as KemAlg[]).find((alg) => QR_KEM_CODE[alg] === kemCode);
  if (!kemAlg) throw new PairingCryptoError("unsupported_kem", "this QR names an unknown KEM");
  const encEnd = HEADER_LENGTH + LENGTHS.enc[kemAlg];
  if (bytes.length < encEnd + MIN_SEALED_LENGTH)
    throw new PairingCryptoError("bad_length", "the QR is too short");
  return {
    version,
    kemAlg,
    header: bytes.slice(0, HEADER_LENGTH),
    enc: bytes.slice(HEADER_LENGTH, encEnd),
    ciphertext: bytes.slice(encEnd),
  };
}

export interface OpenQrPayloadInput {
  text: string;
  serial: string;
  kemAlg: KemAlg;
  kemSecretKey: Uint8Array;
}

/** Device side: parse, check the QR is sealed to this device's kind of key, and open it. */
export function openQrPayload(input: OpenQrPayloadInput): QrContents {
  const parsed = parseQrPayload(input.text);
  if (parsed.kemAlg !== input.kemAlg) {
    throw new PairingCryptoError("unsupported_kem", "this QR is sealed for another kind of device key");
  }
  const plaintext = hpkeOpen({
    kem: DHKEMS[parsed.kemAlg],
    recipientSecretKey: input.kemSecretKey,
    enc: parsed.enc,
    info: qrSealInfo(input.serial),
    aad: parsed.header,
    ciphertext: parsed.ciphertext,
  });
  return decodeContents(plaintext);
}
