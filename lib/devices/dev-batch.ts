import "server-only";
import type { Database } from "@/lib/db";
import type { DeviceBatch } from "@/lib/db/schema";
import type { Clock } from "@/lib/security/clock";
import { stageBatchFiles } from "./batch-files";
import { boxCodeHmac, codeLast4 } from "./code-hmac";
import { DeviceRegistryError } from "./errors";
import { generateDevices, type DeviceSpec } from "./generate-devices";
import { findBatchByName, writeBatch } from "./queries";

export interface DevBatchRequest {
  name: string;
  model: string;
  serialPrefix: string;
  specs: readonly DeviceSpec[];
  outDir: string;
  /** Overwrite existing files in outDir (the demo batch regenerates its own); the CLI refuses instead. */
  replaceFiles?: boolean;
  actor: string;
}

export interface DevBatchResult {
  batch: DeviceBatch;
  codesFile: string;
  keysFile: string;
  /** Normalised codes in serial order, for printing. */
  codes: { serial: string; code: string }[];
}

/**
 * Generates a `dev` batch: public keys and code HMACs go to the database; codes and private keys go only to the
 * two 0600 files. Callers decide whether the mode allows dev batches.
 */
export async function createDevBatch(
  db: Database,
  codeHmacKey: string,
  clock: Clock,
  request: DevBatchRequest,
): Promise<DevBatchResult> {
  if (await findBatchByName(db, request.name)) {
    throw new DeviceRegistryError(
      `A batch named "${request.name}" already exists; choose another --batch name.`,
    );
  }
  const generated = generateDevices(request.specs, request.model, request.serialPrefix);
  const files = stageBatchFiles(request.outDir, generated, { replace: request.replaceFiles ?? false });
  let batch: DeviceBatch;
  try {
    batch = await writeBatch(db, clock, {
      batch: {
        create: {
          name: request.name,
          model: request.model,
          kind: "dev",
          createdBy: request.actor,
          codesFile: files.codesFile,
        },
      },
      devices: generated.map((d) => ({
        serial: d.serial,
        codeHmac: boxCodeHmac(codeHmacKey, d.code),
        codeLast4: codeLast4(d.code),
        signAlg: d.alg,
        signPublicKey: d.signing.publicKey,
        kemAlg: d.kem?.alg ?? null,
        kemPublicKey: d.kem?.pair.publicKey ?? null,
        model: d.model,
      })),
      actor: request.actor,
      action: "device_batch.generated",
      details: { codesFile: files.codesFile, keysFile: files.keysFile },
    });
  } catch (error) {
    files.discard();
    throw error;
  }
  files.commit();
  return {
    batch,
    codesFile: files.codesFile,
    keysFile: files.keysFile,
    codes: generated.map(({ serial, code }) => ({ serial, code })),
  };
}
