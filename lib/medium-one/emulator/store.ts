import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const userSchema = z.object({
  loginId: z.string(),
  role: z.enum(["basic", "business", "registration"]),
  passwordHash: z.string(),
  mqttId: z.string(),
  disabled: z.boolean(),
  createdAt: z.number(),
  /** Set by the 202-then-ready fault: invisible until this emulator time or this many more polls. */
  visibleAt: z.number().optional(),
  pollsUntilVisible: z.number().int().optional(),
});

const eventSchema = z.object({
  seq: z.number().int(),
  stream: z.string(),
  loginId: z.string(),
  eventData: z.record(z.string(), z.unknown()),
  observedAt: z.string(),
  receivedAt: z.string(),
});

const sessionSchema = z.object({ tokenHash: z.string(), loginId: z.string(), expiresAt: z.number() });

const stateSchema = z.object({
  users: z.record(z.string(), userSchema),
  events: z.array(eventSchema),
  sessions: z.array(sessionSchema),
  nextSeq: z.number().int(),
});

export type StoredUser = z.infer<typeof userSchema>;
export type StoredEvent = z.infer<typeof eventSchema>;
export type EmulatorState = z.infer<typeof stateSchema>;

const STATE_FILE = "state.json";

function emptyState(): EmulatorState {
  return { users: {}, events: [], sessions: [], nextSeq: 1 };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

const MQTT_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

/** 11 characters of the base64url alphabet, as the IDs seen on the real service. */
export function newMqttId(): string {
  return Array.from(randomBytes(11), (b) => MQTT_ID_ALPHABET[b % 64]).join("");
}

/** The emulator's state, in memory and (with a data dir) in one JSON file replaced atomically on every change. */
export class EmulatorStore {
  state: EmulatorState;
  private readonly file: string | undefined;

  constructor(dataDir: string | undefined) {
    this.file = dataDir === undefined ? undefined : path.join(dataDir, STATE_FILE);
    this.state = this.load();
  }

  private load(): EmulatorState {
    if (this.file === undefined || !fs.existsSync(this.file)) return emptyState();
    const parsed = stateSchema.safeParse(JSON.parse(fs.readFileSync(this.file, "utf8")));
    if (!parsed.success) {
      throw new Error(`${this.file} is damaged; delete it to start the emulator afresh`);
    }
    return parsed.data;
  }

  save(): void {
    if (this.file === undefined) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.state), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
  }

  clear(): void {
    this.state = emptyState();
    this.save();
  }
}
