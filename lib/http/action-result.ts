/**
 * The one result shape of every server action, consumer and staff alike (style item 3): data, or field errors keyed
 * by input name with an optional message about the whole form. `FailureExtra` adds an audience's own failure fields
 * (the consumer's support code). Types only, so browser-safe and erased from every bundle.
 */
export type ActionResult<T, Field extends string, FailureExtra extends object = object> =
  | { ok: true; data: T }
  | ({ ok: false; fieldErrors: Partial<Record<Field, string[]>>; formError?: string } & FailureExtra);
