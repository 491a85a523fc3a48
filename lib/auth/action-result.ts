/**
 * The one result shape of every staff action (style item 3): field errors keyed by input name, or data.
 * Browser-safe, so forms can type their state with it.
 */
export type ActionResult<T, Field extends string = string> =
  { ok: true; data: T } | { ok: false; fieldErrors: Partial<Record<Field, string[]>>; formError?: string };

/** A failure about the whole form, not one field. */
export function formFailure<Field extends string = never>(message: string): ActionResult<never, Field> {
  return { ok: false, fieldErrors: {}, formError: message };
}
