CREATE TABLE "device_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"model" text NOT NULL,
	"kind" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"codes_file" text,
	CONSTRAINT "device_batches_name_unique" UNIQUE("name"),
	CONSTRAINT "device_batches_kind_check" CHECK ("device_batches"."kind" in ('dev', 'factory'))
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"serial" text NOT NULL,
	"code_hmac" text NOT NULL,
	"code_last4" text NOT NULL,
	"sign_alg" text NOT NULL,
	"sign_public_key" text NOT NULL,
	"kem_alg" text,
	"kem_public_key" text,
	"model" text NOT NULL,
	"batch_id" uuid NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "devices_serial_unique" UNIQUE("serial"),
	CONSTRAINT "devices_code_hmac_unique" UNIQUE("code_hmac"),
	CONSTRAINT "devices_sign_alg_check" CHECK ("devices"."sign_alg" in ('ed25519', 'p256')),
	CONSTRAINT "devices_kem_alg_check" CHECK ("devices"."kem_alg" is null or "devices"."kem_alg" in ('x25519', 'p256')),
	CONSTRAINT "devices_kem_pair_check" CHECK (("devices"."kem_alg" is null) = ("devices"."kem_public_key" is null)),
	CONSTRAINT "devices_status_check" CHECK ("devices"."status" in ('active', 'retired'))
);
--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_batch_id_device_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."device_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "devices_batch_idx" ON "devices" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "devices_code_last4_idx" ON "devices" USING btree ("code_last4");