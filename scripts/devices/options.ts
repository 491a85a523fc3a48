import { z } from "zod";

/** Batch names and models: printable, no spaces, so they survive file names, labels and logs unquoted. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

export const batchNameSchema = z
  .string()
  .regex(
    NAME,
    "--batch must be 1-64 letters, digits or . _ : - (no spaces), starting with a letter or digit",
  );

export const modelSchema = z
  .string()
  .regex(
    NAME,
    "--model must be 1-64 letters, digits or . _ : - (no spaces), starting with a letter or digit",
  );

export const MAX_GENERATE = 1_000_000;

export const countSchema = z
  .string()
  .regex(/^\d+$/, `--count must be a whole number from 1 to ${MAX_GENERATE}`)
  .transform(Number)
  .refine((n) => n >= 1 && n <= MAX_GENERATE, `--count must be a whole number from 1 to ${MAX_GENERATE}`);
