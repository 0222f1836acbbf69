CREATE TABLE `persons` (
	`id` text PRIMARY KEY NOT NULL,
	`full_name` text NOT NULL,
	`name_key` text NOT NULL,
	`birth_date` text NOT NULL,
	`sex` text NOT NULL,
	`citizen_id` text NOT NULL,
	`commune_code` text NOT NULL,
	`address_detail` text,
	`phone` text,
	`category` text NOT NULL,
	`status` text NOT NULL,
	`addiction_determined_on` text,
	`addiction_determined_by` text,
	`assigned_officer_id` text,
	`notes` text,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `persons_citizen_id_unique` ON `persons` (`citizen_id`);--> statement-breakpoint
CREATE INDEX `persons_commune_name_idx` ON `persons` (`commune_code`,`name_key`,`id`);--> statement-breakpoint
CREATE INDEX `persons_name_idx` ON `persons` (`name_key`,`id`);--> statement-breakpoint
CREATE INDEX `persons_updated_idx` ON `persons` (`updated_at`);--> statement-breakpoint
CREATE INDEX `persons_status_idx` ON `persons` (`status`);--> statement-breakpoint
CREATE TABLE `plan_transitions` (
	`id` integer PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`reason` text,
	`note` text,
	`at` integer NOT NULL,
	`by` text
);
--> statement-breakpoint
CREATE INDEX `plan_transitions_plan_idx` ON `plan_transitions` (`plan_id`,`id`);--> statement-breakpoint
CREATE TABLE `rehab_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`commune_code` text NOT NULL,
	`form` text NOT NULL,
	`registered_on` text NOT NULL,
	`start_on` text NOT NULL,
	`planned_end_on` text NOT NULL,
	`status` text NOT NULL,
	`members` text NOT NULL,
	`stages` text NOT NULL,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rehab_plans_one_open_per_person` ON `rehab_plans` (`person_id`) WHERE status in ('draft', 'active', 'suspended');--> statement-breakpoint
CREATE INDEX `rehab_plans_person_idx` ON `rehab_plans` (`person_id`);--> statement-breakpoint
CREATE INDEX `rehab_plans_commune_status_idx` ON `rehab_plans` (`commune_code`,`status`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`plan_id` text,
	`commune_code` text NOT NULL,
	`reviewed_on` text NOT NULL,
	`attended` integer NOT NULL,
	`drug_test` text NOT NULL,
	`substance` text,
	`counselling_notes` text,
	`employed` integer,
	`risk_level` text NOT NULL,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE INDEX `reviews_person_idx` ON `reviews` (`person_id`,`reviewed_on`);--> statement-breakpoint
CREATE INDEX `reviews_plan_idx` ON `reviews` (`plan_id`,`reviewed_on`);