CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_kind` text NOT NULL,
	`owner_id` text NOT NULL,
	`commune_code` text NOT NULL,
	`criterion_code` text,
	`file_name` text NOT NULL,
	`content_type` text,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`received` integer NOT NULL,
	`state` text NOT NULL,
	`storage_key` text NOT NULL,
	`uploaded_by` text,
	`uploaded_at` integer NOT NULL,
	`completed_at` integer
);
--> statement-breakpoint
CREATE INDEX `attachments_owner_idx` ON `attachments` (`owner_kind`,`owner_id`,`uploaded_at`);