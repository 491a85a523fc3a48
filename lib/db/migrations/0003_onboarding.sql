CREATE TABLE "attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"support_code" text NOT NULL,
	"code_hmac" text NOT NULL,
	"device_id" uuid,
	"client_key" text NOT NULL,
	"step" text NOT NULL,
	"outcome" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "terms_acceptances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"attempt_id" uuid,
	"device_id" uuid NOT NULL,
	"login_id" text NOT NULL,
	"terms_version" text NOT NULL,
	"accepted_at" timestamp with time zone NOT NULL,
	"ip_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "username_reservations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"login_id_folded" text NOT NULL,
	"claim_id" uuid NOT NULL,
	"state" text DEFAULT 'held' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"released_at" timestamp with time zone,
	"release_reason" text,
	CONSTRAINT "username_reservations_state_check" CHECK ("username_reservations"."state" in ('held', 'released'))
);
--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "client_key" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "attempt_id" uuid;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "create_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "create_outcome" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "create_outcome_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "user_created" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "attempts" ADD CONSTRAINT "attempts_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terms_acceptances" ADD CONSTRAINT "terms_acceptances_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terms_acceptances" ADD CONSTRAINT "terms_acceptances_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terms_acceptances" ADD CONSTRAINT "terms_acceptances_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "username_reservations" ADD CONSTRAINT "username_reservations_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "attempts_support_code_idx" ON "attempts" USING btree ("support_code");--> statement-breakpoint
CREATE INDEX "attempts_code_hmac_idx" ON "attempts" USING btree ("code_hmac");--> statement-breakpoint
CREATE INDEX "attempts_device_idx" ON "attempts" USING btree ("device_id","created_at");--> statement-breakpoint
CREATE INDEX "attempts_client_idx" ON "attempts" USING btree ("client_key","created_at");--> statement-breakpoint
CREATE INDEX "attempts_created_idx" ON "attempts" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "terms_acceptances_claim_idx" ON "terms_acceptances" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "terms_acceptances_attempt_idx" ON "terms_acceptances" USING btree ("attempt_id");--> statement-breakpoint
CREATE INDEX "terms_acceptances_device_idx" ON "terms_acceptances" USING btree ("device_id","accepted_at");--> statement-breakpoint
CREATE INDEX "terms_acceptances_login_idx" ON "terms_acceptances" USING btree (lower("login_id"));--> statement-breakpoint
CREATE UNIQUE INDEX "username_reservations_held_idx" ON "username_reservations" USING btree ("login_id_folded") WHERE "username_reservations"."state" = 'held';--> statement-breakpoint
CREATE INDEX "username_reservations_login_idx" ON "username_reservations" USING btree ("login_id_folded");--> statement-breakpoint
CREATE INDEX "username_reservations_claim_idx" ON "username_reservations" USING btree ("claim_id");--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_attempt_id_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claims_device_client_idx" ON "claims" USING btree ("device_id","client_key","state");--> statement-breakpoint
CREATE INDEX "claims_attempt_idx" ON "claims" USING btree ("attempt_id");--> statement-breakpoint
CREATE INDEX "claims_create_outcome_idx" ON "claims" USING btree ("create_outcome","state");