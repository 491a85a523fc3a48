import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { claims } from "./pairing";

/**
 * A batch is how devices arrive: `dev` batches are generated for development and tests (refused in deployed mode),
 * `factory` batches are imported from a manufacturer's file.
 */
export const deviceBatches = pgTable(
  "device_batches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull().unique(),
    model: text("model").notNull(),
    kind: text("kind", { enum: ["dev", "factory"] }).notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    /**
     * Where this batch's plain box codes live, outside the database (which holds only their HMACs): the generated
     * box-codes.csv of a dev batch, the import file of a factory batch. `devices labels` reads it by default.
     */
    codesFile: text("codes_file"),
  },
  (t) => [check("device_batches_kind_check", sql`${t.kind} in ('dev', 'factory')`)],
);

export const devices = pgTable(
  "devices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    serial: text("serial").notNull().unique(),
    /** HMAC-SHA256 (hex) of the normalised box code under CODE_HMAC_KEY; never the code itself. */
    codeHmac: text("code_hmac").notNull().unique(),
    /** The code's last four characters, for support staff to confirm a label. */
    codeLast4: text("code_last4").notNull(),
    signAlg: text("sign_alg", { enum: ["ed25519", "p256"] }).notNull(),
    /** base64url of the raw public key: Ed25519 32 bytes, P-256 SEC1 uncompressed 65 bytes. */
    signPublicKey: text("sign_public_key").notNull(),
    kemAlg: text("kem_alg", { enum: ["x25519", "p256"] }),
    kemPublicKey: text("kem_public_key"),
    model: text("model").notNull(),
    batchId: uuid("batch_id")
      .notNull()
      .references(() => deviceBatches.id),
    status: text("status", { enum: ["active", "retired"] })
      .notNull()
      .default("active"),
    /**
     * The claim that owns the device, set only by the device's own redemption (lib/pairing/device-api.ts) in one
     * conditional update, and cleared by support's release.
     */
    ownerClaimId: uuid("owner_claim_id").references((): AnyPgColumn => claims.id),
    /** Bumped each time ownership changes hands, so a stale owner's sessions can be told apart. */
    ownerEpoch: integer("owner_epoch").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("devices_batch_idx").on(t.batchId),
    index("devices_owner_claim_idx").on(t.ownerClaimId),
    index("devices_code_last4_idx").on(t.codeLast4),
    check("devices_sign_alg_check", sql`${t.signAlg} in ('ed25519', 'p256')`),
    check("devices_kem_alg_check", sql`${t.kemAlg} is null or ${t.kemAlg} in ('x25519', 'p256')`),
    check("devices_kem_pair_check", sql`(${t.kemAlg} is null) = (${t.kemPublicKey} is null)`),
    check("devices_status_check", sql`${t.status} in ('active', 'retired')`),
  ],
);

export type DeviceBatch = typeof deviceBatches.$inferSelect;
export type NewDeviceBatch = typeof deviceBatches.$inferInsert;
export type Device = typeof devices.$inferSelect;
export type NewDevice = typeof devices.$inferInsert;
