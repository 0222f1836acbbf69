CREATE TABLE `assessment_transitions` (
	`id` text PRIMARY KEY NOT NULL,
	`assessment_id` text NOT NULL,
	`at_version` integer NOT NULL,
	`move` text NOT NULL,
	`from_status` text NOT NULL,
	`to_status` text NOT NULL,
	`reason` text,
	`comments` text,
	`at` integer NOT NULL,
	`by` text
);
--> statement-breakpoint
CREATE INDEX `assessment_transitions_assessment_idx` ON `assessment_transitions` (`assessment_id`,`at_version`);--> statement-breakpoint
CREATE TABLE `certification_flags` (
	`id` text PRIMARY KEY NOT NULL,
	`commune_code` text NOT NULL,
	`period_id` text NOT NULL,
	`kind` text NOT NULL,
	`criterion_code` text NOT NULL,
	`person_id` text,
	`raised_on` text NOT NULL,
	`status` text NOT NULL,
	`review_note` text,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE INDEX `certification_flags_commune_idx` ON `certification_flags` (`commune_code`,`status`);--> statement-breakpoint
CREATE TABLE `commune_assessments` (
	`id` text PRIMARY KEY NOT NULL,
	`commune_code` text NOT NULL,
	`year` integer NOT NULL,
	`status` text NOT NULL,
	`police` text NOT NULL,
	`drug_route` text,
	`answers` text NOT NULL,
	`snapshot` text,
	`commune_type` text,
	`blocking` text,
	`return_comments` text,
	`decision` text,
	`submitters` text NOT NULL,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `commune_assessments_commune_year_idx` ON `commune_assessments` (`commune_code`,`year`);--> statement-breakpoint
CREATE INDEX `commune_assessments_year_idx` ON `commune_assessments` (`year`);--> statement-breakpoint
CREATE TABLE `commune_populations` (
	`id` text PRIMARY KEY NOT NULL,
	`commune_code` text NOT NULL,
	`year` integer NOT NULL,
	`population` integer NOT NULL,
	`source` text NOT NULL,
	`recorded_at` integer NOT NULL,
	`recorded_by` text
);
--> statement-breakpoint
CREATE INDEX `commune_populations_commune_year_idx` ON `commune_populations` (`commune_code`,`year`,`recorded_at`);--> statement-breakpoint
CREATE TABLE `criteria_sets` (
	`id` text PRIMARY KEY NOT NULL,
	`set_version` integer NOT NULL,
	`content` text NOT NULL,
	`confirmed_at` integer NOT NULL,
	`confirmed_by` text,
	`note` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `criteria_sets_set_version_unique` ON `criteria_sets` (`set_version`);--> statement-breakpoint
CREATE TABLE `drug_free_periods` (
	`id` text PRIMARY KEY NOT NULL,
	`commune_code` text NOT NULL,
	`start_on` text NOT NULL,
	`end_on` text,
	`status` text NOT NULL,
	`first_year` integer NOT NULL,
	`last_year` integer NOT NULL,
	`last_assessment_id` text NOT NULL,
	`recognition_decision` text NOT NULL,
	`end_reason` text,
	`end_note` text,
	`end_decision` text,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `drug_free_periods_open_idx` ON `drug_free_periods` (`commune_code`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `drug_free_periods_commune_idx` ON `drug_free_periods` (`commune_code`,`first_year`);