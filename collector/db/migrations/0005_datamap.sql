CREATE TABLE "deletion_journal" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"site" text NOT NULL,
	"request_id" uuid NOT NULL,
	"email_hash" text NOT NULL,
	"account_hashes" jsonb NOT NULL,
	"stores" jsonb NOT NULL,
	"deleted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suppression_list" (
	"site" text NOT NULL,
	"email_hash" text NOT NULL,
	"reason" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "suppression_list_site_email_hash_reason_pk" PRIMARY KEY("site","email_hash","reason")
);
--> statement-breakpoint
ALTER TABLE "rights_requests" ADD COLUMN "fulfilment_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rights_requests" ADD COLUMN "fulfilment_retry_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "deletion_journal_deleted_idx" ON "deletion_journal" USING btree ("deleted_at");--> statement-breakpoint
CREATE TRIGGER deletion_journal_append_only BEFORE UPDATE OR DELETE ON deletion_journal
  FOR EACH ROW EXECUTE FUNCTION cordon_refuse_change();
--> statement-breakpoint
CREATE TRIGGER suppression_list_append_only BEFORE UPDATE OR DELETE ON suppression_list
  FOR EACH ROW EXECUTE FUNCTION cordon_refuse_change();
