import type { ActionResult as SharedActionResult } from "@/lib/http/action-result";

/** The result of every staff action: the shared shape, nothing added. Browser-safe, so forms can type their state. */
export type ActionResult<T, Field extends string = string> = SharedActionResult<T, Field>;

/** A failure about the whole form, not one field. */
export function formFailure<Field extends string = never>(message: string): ActionResult<never, Field> {
  return { ok: false, fieldErrors: {}, formError: message };
}
