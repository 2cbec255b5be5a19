ALTER TABLE "rights_requests" ADD COLUMN "lang" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "rights_requests" ADD COLUMN "result_facts" jsonb;