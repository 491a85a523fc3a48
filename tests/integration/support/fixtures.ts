import { eq } from "drizzle-orm";
import { auditEvents } from "@/lib/db/schema";
import { claimDevice } from "@/lib/onboarding/claim";
import { startSetup } from "@/lib/onboarding/start-setup";
import { base64urlDecode, base64urlEncode, deriveSessionSecrets } from "@/lib/pairing/crypto";
import { ack, hello, redeem, type DeviceApiDeps } from "@/lib/pairing/device-api";
import { deviceSide } from "../../support/pairing-fixtures";
import { claimInput, type World } from "../../support/onboarding-fixtures";

export type TestDevice = Awaited<ReturnType<World["device"]>>;

export function sessionTokenOf(qrSecret: string): string {
  return base64urlEncode(deriveSessionSecrets(base64urlDecode(qrSecret)).sessionToken);
}

/** The device scans a QR and redeems it (optionally acking); returns the bundle the device received. */
export async function deviceRedeems(
  world: World,
  device: TestDevice,
  qrSecret: string,
  options: { ack?: boolean; hooks?: Pick<DeviceApiDeps, "afterRedeem"> } = {},
) {
  const side = deviceSide(device.keys, sessionTokenOf(qrSecret));
  const deps: DeviceApiDeps = {
    db: world.db,
    clock: world.clock,
    clientKey: `device-net-${device.row.id}`,
    ...options.hooks,
  };
  const { nonce } = await hello(deps, side.hello());
  const { bundle } = await redeem(deps, side.redeem(nonce));
  if (options.ack) await ack(deps, side.ack(nonce));
  return bundle;
}

/** A consumer claims a device; without `owned: false` the device then redeems, so the claim owns it. */
export async function claimedDevice(world: World, loginId: string, options: { owned?: boolean } = {}) {
  const device = await world.device();
  const clientKey = `client-${loginId}`;
  const check = await startSetup(world.deps(clientKey), { code: device.code });
  const ticket = await claimDevice(world.deps(clientKey), claimInput(check.attemptId, device.code, loginId));
  if (options.owned !== false) await deviceRedeems(world, device, ticket.qrSecret, { ack: true });
  return { device, ticket, clientKey, supportCode: check.supportCode };
}

export async function auditOf(world: World, deviceId: string) {
  return world.db.select().from(auditEvents).where(eq(auditEvents.deviceId, deviceId));
}

export function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

/** What Next's redirect() and notFound() throw, reduced to something to compare (as the staff tests do). */
export async function outcomeOf(render: () => Promise<unknown>): Promise<string> {
  try {
    await render();
    return "rendered";
  } catch (error) {
    const digest = String((error as { digest?: string }).digest ?? error);
    if (digest.startsWith("NEXT_REDIRECT")) return `redirect ${digest.split(";")[2]}`;
    if (digest.includes("404")) return "not found";
    throw error;
  }
}
