import { findDeviceBySerial, listBatches } from "@/lib/devices/queries";
import { DeviceRegistryError } from "@/lib/devices/errors";
import { withRegistry } from "./context";

export async function listCommand(): Promise<number> {
  return withRegistry(async ({ db, allowDev }) => {
    const batches = (await listBatches(db)).filter((b) => allowDev || b.kind !== "dev");
    if (batches.length === 0) {
      console.log("No device batches yet. Create one with `devices generate` or `devices import`.");
      return 0;
    }
    const rows = [
      ["batch", "kind", "model", "devices", "created", "by"],
      ...batches.map((b) => [
        b.name,
        b.kind,
        b.model,
        String(b.deviceCount),
        b.createdAt.toISOString(),
        b.createdBy,
      ]),
    ];
    const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
    for (const row of rows)
      console.log(
        row
          .map((cell, column) => cell.padEnd(widths[column] ?? 0))
          .join("  ")
          .trimEnd(),
      );
    return 0;
  });
}

export async function showCommand(serial: string): Promise<number> {
  return withRegistry(async ({ db, allowDev }) => {
    const device = await findDeviceBySerial(db, serial, { allowDev });
    if (!device) throw new DeviceRegistryError(`No device with serial "${serial}".`);
    const fields: [string, string][] = [
      ["serial", device.serial],
      ["model", device.model],
      ["status", device.status],
      ["batch", `${device.batchName} (${device.batchKind})`],
      ["code", `…${device.codeLast4}`],
      ["signing key", `${device.signAlg} ${device.signPublicKey}`],
      [
        "encryption key",
        device.kemAlg ? `${device.kemAlg} ${device.kemPublicKey}` : "the signing key's own form",
      ],
      ["created", device.createdAt.toISOString()],
      ["updated", device.updatedAt.toISOString()],
    ];
    for (const [name, value] of fields) console.log(`${`${name}:`.padEnd(16)}${value}`);
    return 0;
  });
}
