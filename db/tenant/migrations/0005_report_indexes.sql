CREATE INDEX `follow_ups_commune_contacted_idx` ON `follow_ups` (`commune_code`,`contacted_on`);--> statement-breakpoint
CREATE INDEX `persons_commune_category_status_idx` ON `persons` (`commune_code`,`category`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `plan_transitions_at_idx` ON `plan_transitions` (`at`,`to_status`,`from_status`,`plan_id`);--> statement-breakpoint
CREATE INDEX `rehab_plans_completion_idx` ON `rehab_plans` (`completion_date`);--> statement-breakpoint
CREATE INDEX `reviews_commune_reviewed_idx` ON `reviews` (`commune_code`,`reviewed_on`,`employed`,`person_id`);