-- A commune's full download reads each kind in its own order, one page at a time (worker/repo/sync-pull.ts,
-- decision 0053): these indexes lead with the commune and follow that order, so a page is one seek instead of
-- every record of the commune read and sorted for each page. Expand only: new indexes.
CREATE INDEX `follow_ups_commune_person_idx` ON `follow_ups` (`commune_code`,`person_id`,`id`,`contacted_on`);--> statement-breakpoint
CREATE INDEX `support_commune_person_idx` ON `support_records` (`commune_code`,`person_id`,`id`,`given_on`);--> statement-breakpoint
CREATE INDEX `persons_commune_id_idx` ON `persons` (`commune_code`,`id`);--> statement-breakpoint
CREATE INDEX `rehab_plans_commune_id_idx` ON `rehab_plans` (`commune_code`,`id`,`status`);--> statement-breakpoint
CREATE INDEX `reviews_commune_person_idx` ON `reviews` (`commune_code`,`person_id`,`id`,`reviewed_on`);