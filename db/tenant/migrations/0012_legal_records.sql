CREATE TABLE `compulsory_referrals` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`commune_code` text NOT NULL,
	`ground` text NOT NULL,
	`dossier_on` text NOT NULL,
	`submitted_on` text,
	`status` text NOT NULL,
	`court_decision` text,
	`facility` text,
	`admitted_on` text,
	`returned_on` text,
	`return_decision` text,
	`post_rehab_id` text,
	`note` text,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE INDEX `referrals_person_idx` ON `compulsory_referrals` (`person_id`,`id`);--> statement-breakpoint
CREATE INDEX `referrals_commune_dossier_idx` ON `compulsory_referrals` (`commune_code`,`dossier_on`);--> statement-breakpoint
CREATE TABLE `determinations` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`commune_code` text NOT NULL,
	`trigger` text NOT NULL,
	`dossier_on` text NOT NULL,
	`facility` text NOT NULL,
	`result_on` text,
	`result` text,
	`decision` text,
	`registration_due_on` text,
	`note` text,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE INDEX `determinations_person_idx` ON `determinations` (`person_id`,`id`);--> statement-breakpoint
CREATE INDEX `determinations_commune_due_idx` ON `determinations` (`commune_code`,`registration_due_on`);--> statement-breakpoint
CREATE TABLE `methadone_treatments` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`commune_code` text NOT NULL,
	`facility` text NOT NULL,
	`start_on` text NOT NULL,
	`end_on` text,
	`status` text NOT NULL,
	`end_reason` text,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE INDEX `methadone_person_idx` ON `methadone_treatments` (`person_id`,`id`);--> statement-breakpoint
CREATE INDEX `methadone_commune_status_idx` ON `methadone_treatments` (`commune_code`,`status`);--> statement-breakpoint
DROP INDEX `management_person_idx`;--> statement-breakpoint
ALTER TABLE `management_periods` ADD `decision` text;--> statement-breakpoint
ALTER TABLE `management_periods` ADD `ended_on` text;--> statement-breakpoint
ALTER TABLE `management_periods` ADD `end_decision` text;--> statement-breakpoint
CREATE INDEX `management_status_end_idx` ON `management_periods` (`status`,`end_on`);--> statement-breakpoint
CREATE INDEX `management_person_idx` ON `management_periods` (`person_id`,`id`);
-- Hand-written below (drizzle-kit does not generate triggers), as in 0007_sync: these records reach a commune
-- officer's devices through change_log like the other case records (offline commands, docs/decisions/0028).
--> statement-breakpoint
CREATE TRIGGER `management_periods_change_log_insert` AFTER INSERT ON `management_periods` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('management_period', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `management_periods_change_log_update` AFTER UPDATE ON `management_periods` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) SELECT 'management_period', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.`commune_code` IS NOT NEW.`commune_code` OR OLD.`id` IS NOT NEW.`id`;
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('management_period', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `management_periods_change_log_delete` AFTER DELETE ON `management_periods` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('management_period', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `determinations_change_log_insert` AFTER INSERT ON `determinations` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('determination', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `determinations_change_log_update` AFTER UPDATE ON `determinations` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) SELECT 'determination', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.`commune_code` IS NOT NEW.`commune_code` OR OLD.`id` IS NOT NEW.`id`;
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('determination', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `determinations_change_log_delete` AFTER DELETE ON `determinations` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('determination', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `compulsory_referrals_change_log_insert` AFTER INSERT ON `compulsory_referrals` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('referral', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `compulsory_referrals_change_log_update` AFTER UPDATE ON `compulsory_referrals` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) SELECT 'referral', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.`commune_code` IS NOT NEW.`commune_code` OR OLD.`id` IS NOT NEW.`id`;
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('referral', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `compulsory_referrals_change_log_delete` AFTER DELETE ON `compulsory_referrals` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('referral', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `methadone_treatments_change_log_insert` AFTER INSERT ON `methadone_treatments` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('methadone', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `methadone_treatments_change_log_update` AFTER UPDATE ON `methadone_treatments` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) SELECT 'methadone', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.`commune_code` IS NOT NEW.`commune_code` OR OLD.`id` IS NOT NEW.`id`;
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('methadone', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `methadone_treatments_change_log_delete` AFTER DELETE ON `methadone_treatments` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('methadone', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;
--> statement-breakpoint
-- Statuses are derived from the records from now on (kernel/domain/person-status.ts): a dependent person with no
-- plan that did not end terminated and no active management period awaits registration; a post-rehab relapse
-- with no open plan awaits determination (there was no determination record before this migration).
UPDATE `persons` SET `status` = 'awaiting_registration' WHERE `category` = 'dependent' AND `status` = 'under_management'
	AND NOT EXISTS (SELECT 1 FROM `rehab_plans` p WHERE p.`person_id` = `persons`.`id` AND p.`status` <> 'terminated')
	AND NOT EXISTS (SELECT 1 FROM `management_periods` m WHERE m.`person_id` = `persons`.`id` AND m.`status` = 'active')
	AND NOT EXISTS (SELECT 1 FROM `post_rehab_records` r WHERE r.`person_id` = `persons`.`id` AND r.`status` = 'relapsed');
--> statement-breakpoint
UPDATE `persons` SET `status` = 'awaiting_determination' WHERE `status` = 'under_management'
	AND EXISTS (SELECT 1 FROM `post_rehab_records` r WHERE r.`person_id` = `persons`.`id` AND r.`status` = 'relapsed')
	AND NOT EXISTS (SELECT 1 FROM `rehab_plans` p WHERE p.`person_id` = `persons`.`id` AND p.`status` IN ('draft', 'active', 'suspended'));
