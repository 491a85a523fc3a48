import type { IncomingMessage } from "node:http";
import { z } from "zod";

export interface EmulatorResponse {
  status: number;
  body?: string;
  headers?: Record<string, string | string[]>;
}

export function json(status: number, value: unknown, headers: Record<string, string | string[]> = {}) {
  return { status, body: JSON.stringify(value), headers: { "Content-Type": "application/json", ...headers } };
}

/** Medium One's error shape: `{"error": {"message": "..."}}`. */
export function error(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): EmulatorResponse {
  return json(status, { error: { message } }, headers);
}

export const EMPTY_OK: EmulatorResponse = { status: 200 };

export class BodyTooLarge extends Error {}

export async function readBody(request: IncomingMessage, limitBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes) throw new BodyTooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** A JSON body checked against a schema; any failure is the documented 400, never a crash. */
export function parseJsonBody<S extends z.ZodType>(
  body: string,
  schema: S,
  message: string,
): { ok: true; value: z.output<S> } | { ok: false; response: EmulatorResponse } {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return { ok: false, response: error(400, "Request body is not valid JSON") };
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, response: error(400, message) };
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return cookies;
}
