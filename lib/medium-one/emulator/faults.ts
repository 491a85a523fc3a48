import { z } from "zod";

const target = {
  /** HTTP method to match; any when absent. */
  method: z
    .string()
    .transform((m) => m.toUpperCase())
    .optional(),
  /** Path below /v2, e.g. "/users", "/users/*", "/events/**"; `*` is one segment, `**` the rest. */
  path: z.string().startsWith("/"),
  /** How many matching requests the fault applies to; every one until cleared when absent. */
  times: z.number().int().positive().optional(),
};

export const faultSpecSchema = z.discriminatedUnion("kind", [
  z.object({ ...target, kind: z.literal("latency"), ms: z.number().int().nonnegative().max(600_000) }),
  z.object({ ...target, kind: z.literal("status"), status: z.number().int().min(500).max(599) }),
  z.object({
    ...target,
    kind: z.literal("rate-limit"),
    retryAfterSeconds: z.number().int().nonnegative().optional(),
  }),
  z.object({
    ...target,
    kind: z.literal("accepted-later"),
    readyAfterMs: z.number().int().nonnegative().optional(),
    readyAfterPolls: z.number().int().positive().optional(),
  }),
  z.object({ ...target, kind: z.literal("hang") }),
  z.object({ ...target, kind: z.literal("lose-response") }),
]);

export type FaultSpec = z.input<typeof faultSpecSchema>;
export type Fault = z.output<typeof faultSpecSchema> & { id: number };

function patternToRegExp(pattern: string): RegExp {
  const trimmed = pattern.length > 1 ? pattern.replace(/\/+$/, "") : pattern;
  const source = trimmed
    .split("/")
    .map((segment) =>
      segment === "**" ? ".*" : segment === "*" ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("/");
  return new RegExp(`^${source}$`);
}

/** Injected faults, checked in the order they were added; the first match applies and uses up one count. */
export class FaultPlan {
  private faults: (Fault & { matcher: RegExp })[] = [];
  private nextId = 1;

  add(spec: FaultSpec): number {
    const fault = faultSpecSchema.parse(spec);
    const id = this.nextId++;
    this.faults.push({ ...fault, id, matcher: patternToRegExp(fault.path) });
    return id;
  }

  /** `path` is below /v2 without a trailing slash, e.g. "/users/alice". */
  take(method: string, path: string): Fault | undefined {
    const index = this.faults.findIndex(
      (f) => (f.method === undefined || f.method === method) && f.matcher.test(path),
    );
    const found = this.faults[index];
    if (!found) return undefined;
    if (found.times !== undefined) {
      found.times -= 1;
      if (found.times === 0) this.faults.splice(index, 1);
    }
    const { matcher: _matcher, ...fault } = found;
    return fault;
  }

  list(): Fault[] {
    return this.faults.map(({ matcher: _matcher, ...fault }) => fault);
  }

  clear(): void {
    this.faults = [];
  }
}
