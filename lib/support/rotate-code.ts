import "server-only";
import { eq } from "drizzle-orm";
import type { StaffActionContext } from "@/lib/auth/staff-action";
import { deviceBatches, devices } from "@/lib/db/schema";
import { formatBoxCode, generateBoxCode } from "@/lib/devices/box-code";
import { boxCodeHmac, codeLast4 } from "@/lib/devices/code-hmac";
import { renderLabelsHtml } from "@/lib/devices/labels";
import { lockDevice } from "./device-lock";

/**
 * Admin: a lost or leaked label. A new box code replaces the old one (only its HMAC and last four are stored), so
 * the old code stops working at once; the new code and its printable label exist only in the result, shown once.
 */
export async function rotateBoxCode(
  ctx: StaffActionContext,
  input: { deviceId: string; reason: string },
  settings: { codeHmacKey: string; publicBaseUrl: string },
): Promise<{ serial: string; code: string; labelHtml: string }> {
  const device = await lockDevice(ctx.db, input.deviceId);
  const code = generateBoxCode();
  const last4 = codeLast4(code);
  await ctx.db
    .update(devices)
    .set({ codeHmac: boxCodeHmac(settings.codeHmacKey, code), codeLast4: last4, updatedAt: ctx.clock.now() })
    .where(eq(devices.id, device.id));
  await ctx.audit({
    action: "device.code_rotated",
    reason: input.reason,
    deviceId: device.id,
    old: { codeLast4: device.codeLast4 },
    new: { codeLast4: last4 },
  });
  const [batch] = await ctx.db
    .select({ name: deviceBatches.name })
    .from(deviceBatches)
    .where(eq(deviceBatches.id, device.batchId));
  const labelHtml = await renderLabelsHtml(
    batch?.name ?? device.serial,
    [{ serial: device.serial, model: device.model, code }],
    settings.publicBaseUrl,
  );
  return { serial: device.serial, code: formatBoxCode(code), labelHtml };
}
