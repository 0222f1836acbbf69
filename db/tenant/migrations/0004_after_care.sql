CREATE TABLE `follow_ups` (
	`id` text PRIMARY KEY NOT NULL,
	`post_rehab_id` text NOT NULL,
	`person_id` text NOT NULL,
	`commune_code` text NOT NULL,
	`contacted_on` text NOT NULL,
	`method` text NOT NULL,
	`notes` text,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE INDEX `follow_ups_record_idx` ON `follow_ups` (`post_rehab_id`,`contacted_on`);--> statement-breakpoint
CREATE TABLE `management_periods` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`commune_code` text NOT NULL,
	`start_on` text NOT NULL,
	`end_on` text NOT NULL,
	`measures` text NOT NULL,
	`status` text NOT NULL,
	`end_reason` text,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE INDEX `management_person_idx` ON `management_periods` (`person_id`);--> statement-breakpoint
CREATE TABLE `post_rehab_records` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`commune_code` text NOT NULL,
	`plan_id` text,
	`start_on` text NOT NULL,
	`end_on` text NOT NULL,
	`support_model` text NOT NULL,
	`supporter_name` text NOT NULL,
	`status` text NOT NULL,
	`relapse_on` text,
	`relapse_note` text,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE INDEX `post_rehab_person_idx` ON `post_rehab_records` (`person_id`);--> statement-breakpoint
CREATE INDEX `post_rehab_commune_status_idx` ON `post_rehab_records` (`commune_code`,`status`);--> statement-breakpoint
CREATE TABLE `support_records` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`commune_code` text NOT NULL,
	`kind` text NOT NULL,
	`given_on` text NOT NULL,
	`amount_vnd` integer,
	`note` text,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE INDEX `support_person_idx` ON `support_records` (`person_id`);--> statement-breakpoint
CREATE INDEX `support_commune_given_idx` ON `support_records` (`commune_code`,`given_on`);--> statement-breakpoint
ALTER TABLE `rehab_plans` ADD `completion_number` text;--> statement-breakpoint
ALTER TABLE `rehab_plans` ADD `completion_date` text;--> statement-breakpoint
ALTER TABLE `rehab_plans` ADD `completion_signer` text;