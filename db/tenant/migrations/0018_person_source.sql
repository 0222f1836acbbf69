ALTER TABLE `persons` ADD `source` text;--> statement-breakpoint
ALTER TABLE `persons` ADD `registered_on` text;