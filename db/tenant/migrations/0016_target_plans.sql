CREATE TABLE `target_plan_versions` (
	`year` integer NOT NULL,
	`version` integer NOT NULL,
	`record` text NOT NULL,
	`replaced_at` integer NOT NULL,
	`replaced_by` text,
	PRIMARY KEY(`year`, `version`)
);
--> statement-breakpoint
CREATE TABLE `target_plans` (
	`year` integer PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`issued_on` text NOT NULL,
	`signer` text NOT NULL,
	`title` text NOT NULL,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE TABLE `target_values` (
	`year` integer NOT NULL,
	`indicator` text NOT NULL,
	`commune_code` text,
	`value` integer NOT NULL,
	FOREIGN KEY (`year`) REFERENCES `target_plans`(`year`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `target_values_place_idx` ON `target_values` (`year`,`indicator`,`commune_code`);--> statement-breakpoint
CREATE INDEX `target_values_commune_idx` ON `target_values` (`commune_code`,`year`);--> statement-breakpoint
CREATE INDEX `support_kind_given_idx` ON `support_records` (`kind`,`given_on`,`commune_code`,`person_id`);--> statement-breakpoint
CREATE INDEX `rehab_plans_start_idx` ON `rehab_plans` (`start_on`,`status`,`commune_code`,`person_id`);--> statement-breakpoint
CREATE INDEX `rehab_plans_completed_idx` ON `rehab_plans` (`completion_date`,`commune_code`,`person_id`) WHERE status = 'completed';