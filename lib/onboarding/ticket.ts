import "server-only";
import type { Claim } from "@/lib/db/schema";
import type { DeviceRecord } from "@/lib/devices/queries";
import type { MediumOneSession } from "@/lib/medium-one/session";
import {
  base64urlDecode,
  base64urlEncode,
  buildCredentialBundle,
  recipientPublicKey,
} from "@/lib/pairing/crypto";
import { createPairingSession } from "@/lib/pairing/sessions";
import type { PairingTicket } from "./contract";
import type { OnboardingDeps } from "./deps";
import { MediumOneBusy } from "./errors";
import { isTransient, withRetries } from "./retry";

/** The key the browser seals the QR secret to: the device's encryption key, or its signing key's own form. */
export function sealingKeyOf(device: DeviceRecord): PairingTicket["device"] {
  const { kemAlg, kemPublicKey } = recipientPublicKey({
    alg: device.signAlg,
    publicKey: base64urlDecode(device.signPublicKey),
    ...(device.kemAlg && device.kemPublicKey
      ? { kemAlg: device.kemAlg, kemPublicKey: base64urlDecode(device.kemPublicKey) }
      : {}),
  });
  return { serial: device.serial, model: device.model, kemAlg, kemPublicKey: base64urlEncode(kemPublicKey) };
}

/**
 * Reads the user's MQTT ID through its own session, seals its credentials into a new pairing session of the claim
 * (replacing the claim's open ones) and hands back the ticket. The QR secret exists only in the returned ticket.
 */
export async function issueTicket(
  deps: OnboardingDeps,
  input: {
    claim: Claim;
    device: DeviceRecord;
    /** Reads the user's MQTT ID: its own session, or (support's password reset) the business account's view. */
    user: Pick<MediumOneSession, "getSelf">;
    password: string;
    supportCode: string;
    termsVersion: string;
  },
): Promise<PairingTicket> {
  const self = await withRetries(deps, () => input.user.getSelf()).catch((error: unknown) => {
    throw isTransient(error) ? new MediumOneBusy() : error;
  });
  if (!self.mqttId) throw new Error("Medium One returned the user without an MQTT ID");
  const m1 = deps.config.mediumOne;
  const bundle = buildCredentialBundle({
    serial: input.device.serial,
    loginId: input.claim.loginId,
    password: input.password,
    apiKey: m1.deviceApiKey,
    restBaseUrl: m1.baseUrl.endsWith("/") ? m1.baseUrl : `${m1.baseUrl}/`,
    projectMqttId: m1.projectMqttId,
    userMqttId: self.mqttId,
    mqtt: { host: m1.mqttHost, port: m1.mqttPort, tls: m1.mqttTls },
  });
  const { session, qrSecret } = await createPairingSession(deps.db, {
    claim: input.claim,
    device: input.device,
    bundle,
    clock: deps.clock,
    actor: "consumer",
  });
  const ticket: PairingTicket = {
    claimId: input.claim.id,
    sessionId: session.id,
    qrSecret: base64urlEncode(qrSecret),
    expiresAt: session.expiresAt.toISOString(),
    loginId: input.claim.loginId,
    supportCode: input.supportCode,
    termsVersion: input.termsVersion,
    device: sealingKeyOf(input.device),
  };
  qrSecret.fill(0);
  return ticket;
}
