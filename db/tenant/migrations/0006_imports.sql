CREATE TABLE `import_rows` (
	`import_id` text NOT NULL,
	`row_number` integer NOT NULL,
	`outcome` text NOT NULL,
	`person_id` text,
	`problems` text,
	PRIMARY KEY(`import_id`, `row_number`),
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `import_rows_person_idx` ON `import_rows` (`person_id`);--> statement-breakpoint
CREATE TABLE `imports` (
	`id` text PRIMARY KEY NOT NULL,
	`file_hash` text NOT NULL,
	`file_name` text,
	`format` text NOT NULL,
	`scope` text,
	`rows_total` integer NOT NULL,
	`imported` integer NOT NULL,
	`rejected` integer NOT NULL,
	`rejected_by_reason` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text
);
--> statement-breakpoint
CREATE INDEX `imports_file_hash_idx` ON `imports` (`file_hash`);--> statement-breakpoint
CREATE INDEX `imports_created_idx` ON `imports` (`created_at`);