import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Database } from "@/lib/db/client";
import type { Clock } from "@/lib/security/clock";
import { formFailure, type ActionResult } from "./action-result";
import { writeAudit, type AuditEntry, type Tx } from "./audit";
import { verifyStaff } from "./dal";
import { SignedOutError, StaffActionError } from "./errors";
import { can, ForbiddenError, type Permission } from "./permissions";
import { authRuntime } from "./runtime";
import type { StaffIdentity } from "./staff-session";

/** What a staff action's handler works with. The whole handler runs in one transaction. */
export interface StaffActionContext {
  staff: StaffIdentity;
  /** The action's transaction: the change and its audit event commit together or not at all. */
  db: Tx;
  clock: Clock;
  /** `staff:<id>`, the audit actor. */
  actor: string;
  /** Appends an audit event in this transaction, as this staff member (who, what, why, old → new). */
  audit(entry: Omit<AuditEntry, "actor">): Promise<void>;
  /**
   * Work to do once the transaction has committed, on the database itself (not the transaction): clearing a rate
   * limit, calling a vendor, revalidating a page. Skipped when the action fails.
   */
  afterCommit(task: (db: Database) => Promise<void>): void;
}

/** Where an action runs: who is asking (null: signed out), on which database, at which time. */
export interface StaffActionEnv {
  staff: StaffIdentity | null;
  db: Database;
  clock: Clock;
}

export const SIGNED_OUT_MESSAGE = "Your session has ended. Please sign in again.";
export const FORBIDDEN_MESSAGE = "You do not have permission to do that.";

export interface StaffAction<Input, T> {
  /** The server action: who is asking comes from the session cookie, re-read from the database. */
  (input: FormData | Input): Promise<ActionResult<T, keyof Input & string>>;
  /** The same checks and work with an explicit environment (tests, and other server code). */
  run(env: StaffActionEnv, input: unknown): Promise<ActionResult<T, keyof Input & string>>;
  readonly permission: Permission;
}

/**
 * The one guarded server-action client for staff (style item 1). Refuses a signed-out caller and a caller without
 * `permission` before any work, parses the input with `schema` (field errors keyed by input name), then runs
 * `handler` in a transaction. Only messages of StaffActionError and ForbiddenError reach the browser; anything
 * else is logged with a reference and becomes a generic message quoting it.
 *
 * Use it in a `"use server"` file: `export const releaseDevice = staffAction("device.release", schema, handler)`.
 * Every id in the input must be re-authorised by the handler (load the row, check it may be touched).
 */
export function staffAction<S extends z.ZodType<unknown, Record<string, unknown>>, T>(
  permission: Permission,
  schema: S,
  handler: (ctx: StaffActionContext, input: z.output<S>) => Promise<T>,
): StaffAction<z.input<S>, T> {
  type Result = ActionResult<T, keyof z.input<S> & string>;

  async function run(env: StaffActionEnv, raw: unknown): Promise<Result> {
    const { staff } = env;
    if (!staff) return formFailure(SIGNED_OUT_MESSAGE);
    if (!can(staff.role, permission)) return formFailure(FORBIDDEN_MESSAGE);
    const parsed = schema.safeParse(raw instanceof FormData ? formDataToObject(raw) : raw);
    if (!parsed.success) {
      const { fieldErrors } = z.flattenError(parsed.error);
      return { ok: false, fieldErrors: fieldErrors as Partial<Record<keyof z.input<S> & string, string[]>> };
    }
    const actor = `staff:${staff.id}`;
    const afterCommit: ((db: Database) => Promise<void>)[] = [];
    try {
      const data = await env.db.transaction((tx) =>
        handler(
          {
            staff,
            db: tx,
            clock: env.clock,
            actor,
            audit: (entry) => writeAudit(tx, env.clock.now(), { ...entry, actor }),
            afterCommit: (task) => afterCommit.push(task),
          },
          parsed.data,
        ),
      );
      for (const task of afterCommit) {
        // The change is committed: a failed follow-up is logged, and the action still reports what it did.
        await task(env.db).catch((error: unknown) => console.error("staff action follow-up failed", error));
      }
      return { ok: true, data };
    } catch (error) {
      return toFailure(error);
    }
  }

  const action = async (input: unknown): Promise<Result> => {
    const [staff, { db, clock }] = await Promise.all([verifyStaff(), authRuntime()]);
    return run({ staff, db, clock }, input);
  };
  return Object.assign(action, { run, permission });
}

function toFailure<Field extends string>(error: unknown): ActionResult<never, Field> {
  if (error instanceof StaffActionError) {
    return error.field
      ? { ok: false, fieldErrors: { [error.field]: [error.message] } as Partial<Record<Field, string[]>> }
      : formFailure(error.message);
  }
  if (error instanceof ForbiddenError) return formFailure(FORBIDDEN_MESSAGE);
  if (error instanceof SignedOutError) return formFailure(SIGNED_OUT_MESSAGE);
  const reference = randomBytes(4).toString("hex").toUpperCase();
  console.error(`staff action failed (reference ${reference})`, error);
  return formFailure(`Something went wrong and nothing was changed. Reference: ${reference}.`);
}

/** FormData as a plain object; Next's own `$ACTION_*` fields are dropped. */
function formDataToObject(formData: FormData): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of formData) {
    if (!key.startsWith("$ACTION")) result[key] = value;
  }
  return result;
}
