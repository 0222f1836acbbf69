ALTER TABLE `rehab_plans` ADD `last_review_on` text;--> statement-breakpoint
-- drizzle-kit splits an expression index at its comma: the two indexes are written by hand.
CREATE INDEX `rehab_plans_caseload_idx` ON `rehab_plans` (`status`, coalesce(`last_review_on`, `start_on`), `id`);--> statement-breakpoint
CREATE INDEX `rehab_plans_commune_caseload_idx` ON `rehab_plans` (`commune_code`, `status`, coalesce(`last_review_on`, `start_on`), `id`);--> statement-breakpoint
-- The caseload's base day (#19.3): each plan's latest review, backfilled, then kept by triggers on reviews.
UPDATE `rehab_plans` SET `last_review_on` = (SELECT max(`reviewed_on`) FROM `reviews` WHERE `reviews`.`plan_id` = `rehab_plans`.`id`);--> statement-breakpoint
CREATE TRIGGER `rehab_plans_last_review_insert` AFTER INSERT ON `reviews` WHEN new.plan_id IS NOT NULL BEGIN
  UPDATE `rehab_plans` SET `last_review_on` = new.reviewed_on
    WHERE `id` = new.plan_id AND (`last_review_on` IS NULL OR `last_review_on` < new.reviewed_on);
END;--> statement-breakpoint
CREATE TRIGGER `rehab_plans_last_review_update` AFTER UPDATE OF `reviewed_on`, `plan_id` ON `reviews` BEGIN
  UPDATE `rehab_plans` SET `last_review_on` = (SELECT max(`reviewed_on`) FROM `reviews` WHERE `reviews`.`plan_id` = `rehab_plans`.`id`)
    WHERE `id` IN (old.plan_id, new.plan_id);
END;--> statement-breakpoint
CREATE TRIGGER `rehab_plans_last_review_delete` AFTER DELETE ON `reviews` WHEN old.plan_id IS NOT NULL BEGIN
  UPDATE `rehab_plans` SET `last_review_on` = (SELECT max(`reviewed_on`) FROM `reviews` WHERE `reviews`.`plan_id` = old.plan_id)
    WHERE `id` = old.plan_id;
END;
