CREATE TABLE "repair_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"device_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"kind" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"pairing_session_id" uuid,
	"held_password" text,
	"password_applied_at" timestamp with time zone,
	CONSTRAINT "repair_links_kind_check" CHECK ("repair_links"."kind" in ('repair', 'password_reset')),
	CONSTRAINT "repair_links_held_password_check" CHECK ("repair_links"."held_password" is null or "repair_links"."kind" = 'password_reset')
);
--> statement-breakpoint
ALTER TABLE "repair_links" ADD CONSTRAINT "repair_links_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_links" ADD CONSTRAINT "repair_links_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_links" ADD CONSTRAINT "repair_links_created_by_staff_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_links" ADD CONSTRAINT "repair_links_pairing_session_id_pairing_sessions_id_fk" FOREIGN KEY ("pairing_session_id") REFERENCES "public"."pairing_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "repair_links_token_hash_idx" ON "repair_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "repair_links_device_idx" ON "repair_links" USING btree ("device_id","created_at");--> statement-breakpoint
CREATE INDEX "repair_links_claim_idx" ON "repair_links" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "repair_links_created_by_idx" ON "repair_links" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "repair_links_session_idx" ON "repair_links" USING btree ("pairing_session_id");