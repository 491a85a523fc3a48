CREATE TABLE "claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"device_id" uuid NOT NULL,
	"login_id" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	CONSTRAINT "claims_state_check" CHECK ("claims"."state" in ('pending', 'owner', 'cancelled', 'expired', 'released'))
);
--> statement-breakpoint
CREATE TABLE "pairing_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"session_id_hex" text NOT NULL,
	"stage" text DEFAULT 'created' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"hello_nonce_hex" text,
	"hello_nonce_expires_at" timestamp with time zone,
	"scanned_at" timestamp with time zone,
	"redeemed_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"connected_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"bundle_nonce" text,
	"bundle_ciphertext" text,
	"connected_details" jsonb,
	CONSTRAINT "pairing_sessions_stage_check" CHECK ("pairing_sessions"."stage" in ('created', 'scanned', 'delivered', 'connected', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "owner_claim_id" uuid;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "owner_epoch" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_sessions" ADD CONSTRAINT "pairing_sessions_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_sessions" ADD CONSTRAINT "pairing_sessions_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claims_device_state_idx" ON "claims" USING btree ("device_id","state");--> statement-breakpoint
CREATE INDEX "claims_login_id_idx" ON "claims" USING btree (lower("login_id"));--> statement-breakpoint
CREATE INDEX "claims_state_expires_idx" ON "claims" USING btree ("state","expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "pairing_sessions_session_id_idx" ON "pairing_sessions" USING btree ("session_id_hex");--> statement-breakpoint
CREATE INDEX "pairing_sessions_claim_idx" ON "pairing_sessions" USING btree ("claim_id","created_at");--> statement-breakpoint
CREATE INDEX "pairing_sessions_device_idx" ON "pairing_sessions" USING btree ("device_id","created_at");--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_owner_claim_id_claims_id_fk" FOREIGN KEY ("owner_claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "devices_owner_claim_idx" ON "devices" USING btree ("owner_claim_id");