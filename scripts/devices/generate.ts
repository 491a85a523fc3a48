import { performance } from "node:perf_hooks";
import type { SignAlg } from "@/lib/devices/algorithms";
import { createDevBatch } from "@/lib/devices/dev-batch";
import { DevBatchRefusedError } from "@/lib/devices/errors";
import { randomTag } from "@/lib/devices/generate-devices";
import { parseOption, rate, withRegistry } from "./context";
import { batchNameSchema, countSchema, modelSchema } from "./options";

export interface GenerateOptions {
  count: string;
  model: string;
  alg: SignAlg;
  separateKem?: boolean;
  out: string;
  batch?: string;
}

export async function generateCommand(options: GenerateOptions): Promise<number> {
  const count = parseOption(countSchema, options.count);
  const model = parseOption(modelSchema, options.model);
  const tag = randomTag();
  const name =
    options.batch === undefined ? `dev-${tag.toLowerCase()}` : parseOption(batchNameSchema, options.batch);
  return withRegistry(async ({ db, config, clock, actor, allowDev }) => {
    if (!allowDev) throw new DevBatchRefusedError();
    const started = performance.now();
    const result = await createDevBatch(db, config.secrets.codeHmacKey, clock, {
      name,
      model,
      serialPrefix: `DEV-${tag}`,
      specs: Array.from({ length: count }, () => ({
        alg: options.alg,
        separateKem: options.separateKem ?? false,
      })),
      outDir: options.out,
      actor,
    });
    console.log(`Generated dev batch "${result.batch.name}": ${rate(count, performance.now() - started)}.`);
    console.log(`Box codes:   ${result.codesFile} (0600)`);
    console.log(`Device keys: ${result.keysFile} (0600; private keys, keep apart from the labels)`);
    return 0;
  });
}
