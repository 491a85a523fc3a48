import { DeviceApi, DeviceApiError } from "./api-client";
import { base64urlDecode, base64urlEncode } from "./bytes";
import { decryptBundleBytes, parseBundle, type CredentialBundle } from "./bundle";
import { LENGTHS, PROTOCOL_VERSION, SESSION_LIFETIME_MS } from "./constants";
import { recipientKeyOf, signBytes, type DeviceKeys } from "./device-keys";
import { DeviceCryptoError, DeviceStepError, type PairingStep } from "./errors";
import { connectMqtt, connectRest, MediumOneError, type MediumOneAcceptance } from "./medium-one";
import { decodeQrPng } from "./qr-image";
import { openQrPayload, parseQrText } from "./qr-payload";
import { deriveSessionSecrets } from "./session-secrets";
import { signedBytes, type ConnectedDetails } from "./signed-bytes";
import { realTiming, type Timing } from "./timing";

export type ConnectMode = "auto" | "mqtt" | "rest";

export interface PairDeviceOptions {
  keys: DeviceKeys;
  /** The QR as its text, or as a PNG image to decode. */
  qr: { text: string } | { png: Uint8Array };
  /** Firmware configuration, never taken from the QR (§1). */
  apiBaseUrl: string;
  /** `auto`: MQTT when the bundle has MQTT settings, else REST. */
  connectMode?: ConnectMode;
  firmware?: string;
  fetch?: typeof fetch;
  timing?: Timing;
  requestTimeoutMs?: number;
  /** One line per step: `✓ step: detail` or `✗ step: reason`. */
  log?: (line: string) => void;
}

export interface StepRecord {
  step: PairingStep | "done";
  ok: boolean;
  detail: string;
}

export type PairResult =
  | {
      ok: true;
      serial: string;
      loginId: string;
      deviceId: string;
      via: ConnectedDetails["via"];
      steps: StepRecord[];
    }
  | { ok: false; step: PairingStep; code?: string; message: string; steps: StepRecord[] };

export const stepLine = (record: StepRecord) => `${record.ok ? "✓" : "✗"} ${record.step}: ${record.detail}`;

/** How often one signed request may meet `stale_nonce` and say hello again before giving up. */
const MAX_FRESH_NONCES = 3;

function asStepError(step: PairingStep, error: unknown): DeviceStepError {
  if (error instanceof DeviceStepError) return error;
  if (error instanceof DeviceApiError)
    return new DeviceStepError(step, `${error.code}: ${error.message}`, error.code);
  if (error instanceof DeviceCryptoError || error instanceof MediumOneError) {
    return new DeviceStepError(step, error.message);
  }
  return new DeviceStepError(
    step,
    `unexpected ${error instanceof Error ? `${error.name}: ${error.message}` : "error"}`,
  );
}

/**
 * A device pairing from a QR, written from docs/pairing-protocol.md alone (§9 "Recommended device sequence"):
 * decode → open → derive → hello → redeem → decrypt → ack → Medium One → connected. Never throws for a protocol
 * failure: the result names the failing step and the server's code. Prints no secret.
 */
export async function pairDevice(options: PairDeviceOptions): Promise<PairResult> {
  const timing = options.timing ?? realTiming;
  const steps: StepRecord[] = [];
  const record = (entry: StepRecord) => {
    steps.push(entry);
    options.log?.(stepLine(entry));
  };
  const run = async <T>(step: PairingStep, body: () => Promise<[T, string]> | [T, string]): Promise<T> => {
    try {
      const [value, detail] = await body();
      record({ step, ok: true, detail });
      return value;
    } catch (error) {
      const failure = asStepError(step, error);
      record({ step, ok: false, detail: failure.message });
      throw failure;
    }
  };

  const { keys } = options;
  const firmware = options.firmware ?? "1.0.0";
  const toWipe: Uint8Array[] = [];
  try {
    const recipient = recipientKeyOf(keys);
    const payload = await run("decode QR", () => {
      const text = "text" in options.qr ? options.qr.text : decodeQrPng(options.qr.png);
      const parsed = parseQrText(text, recipient.kemAlg);
      const size = 2 + parsed.enc.length + parsed.ciphertext.length;
      return [parsed, `OB1 v${PROTOCOL_VERSION}, KEM ${parsed.kemAlg}, ${size}-byte payload`];
    });
    const opened = await run("open sealed payload", () => {
      const result = openQrPayload(payload, recipient, keys.serial);
      toWipe.push(result.qrSecret);
      const wifi = result.wifi
        ? `; Wi-Fi network "${result.wifi.ssid}" (joining is simulated)`
        : "; no Wi-Fi";
      return [result, `opened with the device's ${recipient.kemAlg} key${wifi}`];
    });
    // The deadline starts at the scan: the session cannot outlive 10 minutes from the QR's creation (§9).
    const deadline = timing.now() + SESSION_LIFETIME_MS;
    const secrets = await run("derive session secrets", () => {
      const derived = deriveSessionSecrets(opened.qrSecret);
      toWipe.push(derived.sessionToken, derived.bundleKey);
      return [derived, `session id ${Buffer.from(derived.sessionId).toString("hex").slice(0, 16)}…`];
    });

    const api = new DeviceApi({
      baseUrl: options.apiBaseUrl,
      fetch: options.fetch ?? fetch,
      timing,
      deadline,
      requestTimeoutMs: options.requestTimeoutMs ?? 15_000,
      onRetry: (op, reason, waitMs) =>
        options.log?.(`… ${op}: ${reason}, retrying in ${(waitMs / 1000).toFixed(1)} s`),
    });
    const base = { v: PROTOCOL_VERSION, session: secrets.session, serial: keys.serial };
    const fields = (nonce: string) => ({
      nonce: base64urlDecode(nonce),
      sessionId: secrets.sessionId,
      serial: keys.serial,
    });
    const sign = (bytes: Uint8Array) => base64urlEncode(signBytes(keys, bytes));
    let nonce = await run("hello", async () => {
      const answer = await api.call("hello", base);
      return [answer.nonce, `nonce valid until ${answer.expires_at}`];
    });
    // §9: on stale_nonce, hello again and sign again with the new nonce.
    const withFreshNonce = async <T>(send: (current: string) => Promise<T>): Promise<[T, string]> => {
      for (let fresh = 0; ; fresh += 1) {
        try {
          const value = await send(nonce);
          return [value, fresh === 0 ? "" : ` (after ${fresh} fresh nonce${fresh > 1 ? "s" : ""})`];
        } catch (error) {
          if (
            !(error instanceof DeviceApiError && error.code === "stale_nonce") ||
            fresh >= MAX_FRESH_NONCES
          ) {
            throw error;
          }
          nonce = (await api.call("hello", base)).nonce;
        }
      }
    };

    const sealedBundle = await run("redeem", async () => {
      const [answer, note] = await withFreshNonce((current) =>
        api.call("redeem", {
          ...base,
          nonce: current,
          signature: sign(signedBytes("redeem", fields(current))),
        }),
      );
      return [answer.bundle, `bundle received${note}`];
    });
    const bundle: CredentialBundle = await run("decrypt bundle", () => {
      const ciphertext = base64urlDecode(sealedBundle.ciphertext);
      const plaintext = decryptBundleBytes({
        bundleKey: secrets.bundleKey,
        sessionId: secrets.sessionId,
        serial: keys.serial,
        nonce: base64urlDecode(sealedBundle.nonce, LENGTHS.bundleNonce),
        ciphertext,
      });
      const parsed = parseBundle(plaintext, keys.serial);
      return [
        parsed,
        `login ${parsed.login_id}, device id ${parsed.device_id}${parsed.mqtt ? ", MQTT" : ""}`,
      ];
    });

    const ackedAt = await run("ack", async () => {
      const [, note] = await withFreshNonce(async (current) => {
        try {
          await api.call("ack", {
            ...base,
            nonce: current,
            signature: sign(signedBytes("ack", fields(current))),
          });
        } catch (error) {
          // §5.1 already_used: the device holds this session's bundle, so it carries on.
          if (!(error instanceof DeviceApiError && error.code === "already_used")) throw error;
        }
      });
      return [timing.now(), `bundle stored, server deleted its copy${note}`];
    });

    const mode = options.connectMode ?? "auto";
    const acceptance: MediumOneAcceptance = await run("connect Medium One", async () => {
      const connectOptions = { firmware, timing, timeoutMs: options.requestTimeoutMs ?? 15_000 };
      const accepted =
        mode === "mqtt" || (mode === "auto" && bundle.mqtt)
          ? await connectMqtt(bundle, connectOptions)
          : await connectRest(bundle, { ...connectOptions, fetch: options.fetch ?? fetch });
      return [accepted, `${accepted.via === "mqtt_connack" ? "MQTT" : "REST"} ${accepted.detail}`];
    });

    const details: ConnectedDetails = {
      via: acceptance.via,
      client_id: acceptance.clientId,
      elapsed_ms: Math.max(0, Math.round(acceptance.acceptedAt - ackedAt)),
      firmware,
    };
    await run("connected", async () => {
      const signature = sign(signedBytes("connected", fields(nonce), details));
      await api.call("connected", { ...base, nonce, signature, details });
      return [undefined, `reported via ${details.via} after ${details.elapsed_ms} ms`];
    });
    record({ step: "done", ok: true, detail: `${keys.serial} paired to ${bundle.login_id} and connected` });
    return {
      ok: true,
      serial: keys.serial,
      loginId: bundle.login_id,
      deviceId: bundle.device_id,
      via: details.via,
      steps,
    };
  } catch (error) {
    const failure = error instanceof DeviceStepError ? error : asStepError("decode QR", error);
    return { ok: false, step: failure.step, code: failure.code, message: failure.message, steps };
  } finally {
    for (const secret of toWipe) secret.fill(0);
  }
}
