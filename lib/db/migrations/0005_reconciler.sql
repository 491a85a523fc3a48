ALTER TABLE "claims" ADD COLUMN "user_disposition" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "user_disposition_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "claims_user_disposition_idx" ON "claims" USING btree ("user_disposition","user_disposition_at");--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_user_disposition_check" CHECK ("claims"."user_disposition" is null or "claims"."user_disposition" in ('disabled', 'listed_for_portal', 'not_found', 'kept_in_use'));