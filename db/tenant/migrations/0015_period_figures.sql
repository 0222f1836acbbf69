CREATE TABLE `person_status_periods` (
	`id` integer PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`from_on` text NOT NULL,
	`to_on` text,
	`commune_code` text NOT NULL,
	`category` text NOT NULL,
	`status` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `person_status_periods_person_idx` ON `person_status_periods` (`person_id`,`to_on`);--> statement-breakpoint
CREATE INDEX `person_status_periods_status_from_idx` ON `person_status_periods` (`status`,`from_on`,`to_on`,`category`,`commune_code`);--> statement-breakpoint
CREATE TABLE `report_status_deltas` (
	`commune_code` text NOT NULL,
	`month` text NOT NULL,
	`category` text NOT NULL,
	`status` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`commune_code`, `category`, `status`, `month`)
) WITHOUT ROWID;
--> statement-breakpoint
ALTER TABLE `follow_ups` ADD `employed` integer;--> statement-breakpoint
CREATE INDEX `follow_ups_report_idx` ON `follow_ups` (`contacted_on`,`commune_code`,`person_id`,`employed`);--> statement-breakpoint
ALTER TABLE `persons` ADD `registered_on` text;--> statement-breakpoint
ALTER TABLE `persons` ADD `status_since` text;--> statement-breakpoint
CREATE INDEX `persons_registered_idx` ON `persons` (`registered_on`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `persons_birth_idx` ON `persons` (`birth_date`,`id`);--> statement-breakpoint
ALTER TABLE `rehab_plans` ADD `last_reviewed_on` text;--> statement-breakpoint
CREATE INDEX `rehab_plans_start_decision_idx` ON `rehab_plans` (`start_decision_on`,`commune_code`);--> statement-breakpoint
CREATE INDEX `rehab_plans_overdue_idx` ON `rehab_plans` (`status`,coalesce(`last_reviewed_on`, `start_on`),`commune_code`);--> statement-breakpoint
CREATE INDEX `management_report_start_idx` ON `management_periods` (`start_on`,`commune_code`);--> statement-breakpoint
CREATE INDEX `management_report_ended_idx` ON `management_periods` (`ended_on`,`commune_code`);--> statement-breakpoint
CREATE INDEX `management_report_end_idx` ON `management_periods` (`end_on`,`start_on`,`ended_on`,`commune_code`);--> statement-breakpoint
CREATE INDEX `post_rehab_report_end_idx` ON `post_rehab_records` (`end_on`,`start_on`,`relapse_on`,`commune_code`,`person_id`);--> statement-breakpoint
CREATE INDEX `post_rehab_report_relapse_idx` ON `post_rehab_records` (`relapse_on`,`commune_code`,`person_id`);--> statement-breakpoint
CREATE INDEX `support_report_idx` ON `support_records` (`given_on`,`commune_code`,`kind`,`person_id`,`amount_vnd`);--> statement-breakpoint
CREATE INDEX `reviews_report_idx` ON `reviews` (`reviewed_on`,`commune_code`,`person_id`,`employed`);--> statement-breakpoint
CREATE INDEX `referrals_report_dossier_idx` ON `compulsory_referrals` (`dossier_on`,`commune_code`);--> statement-breakpoint
CREATE INDEX `referrals_report_admitted_idx` ON `compulsory_referrals` (`admitted_on`,`returned_on`,`commune_code`);--> statement-breakpoint
CREATE INDEX `referrals_report_returned_idx` ON `compulsory_referrals` (`returned_on`,`commune_code`);--> statement-breakpoint
CREATE INDEX `determinations_report_idx` ON `determinations` (`result_on`,`commune_code`,`result`);--> statement-breakpoint
CREATE INDEX `methadone_report_start_idx` ON `methadone_treatments` (`start_on`,`end_on`,`commune_code`);--> statement-breakpoint
CREATE INDEX `methadone_report_end_idx` ON `methadone_treatments` (`end_on`,`commune_code`);--> statement-breakpoint
-- ── Hand-written (decision 0034): backfill, then the triggers that keep the status history ─────────────────────
-- Registration dates: a person registered in Bình An was registered the day the row was made; a person who came
-- in through an import (an import row names them) is left unknown, as the import never read that date.
-- The sync change log is not fed for this backfill (the phones would download every person again for two
-- server-side columns): its update trigger is dropped and recreated as 0007 wrote it.
DROP TRIGGER `persons_change_log_update`;--> statement-breakpoint
UPDATE `persons` AS p SET `registered_on` = date(p.`created_at` / 1000, 'unixepoch', '+7 hours')
  WHERE NOT EXISTS (SELECT 1 FROM `import_rows` AS i WHERE i.`person_id` = p.`id`);--> statement-breakpoint
-- The day the current status took effect, as best known: the date the record behind it carries (open referral's
-- dossier, open plan's registration, pending determination or relapse, active post-rehab start, dependence result,
-- methadone or management start, the latest ending for closed), never before the row was made nor after today.
UPDATE `persons` AS p SET `status_since` = min(date('now', '+7 hours'), max(date(p.`created_at` / 1000, 'unixepoch', '+7 hours'), coalesce(CASE p.`status`
  WHEN 'compulsory_rehab' THEN (SELECT max(r.`dossier_on`) FROM `compulsory_referrals` AS r WHERE r.`person_id` = p.`id` AND r.`status` <> 'returned')
  WHEN 'in_rehab' THEN (SELECT max(pl.`registered_on`) FROM `rehab_plans` AS pl WHERE pl.`person_id` = p.`id` AND pl.`status` IN ('draft', 'active', 'suspended'))
  WHEN 'awaiting_determination' THEN (SELECT max(d) FROM (
      SELECT `dossier_on` AS d FROM `determinations` WHERE `person_id` = p.`id` AND `result` IS NULL
      UNION ALL SELECT `relapse_on` FROM `post_rehab_records` WHERE `person_id` = p.`id` AND `relapse_on` IS NOT NULL))
  WHEN 'post_rehab' THEN (SELECT max(`start_on`) FROM `post_rehab_records` WHERE `person_id` = p.`id` AND `status` = 'active')
  WHEN 'awaiting_registration' THEN (SELECT max(`result_on`) FROM `determinations` WHERE `person_id` = p.`id` AND `result` = 'dependent')
  WHEN 'substitution_treatment' THEN (SELECT max(`start_on`) FROM `methadone_treatments` WHERE `person_id` = p.`id` AND `status` = 'active')
  WHEN 'under_management' THEN (SELECT max(`start_on`) FROM `management_periods` WHERE `person_id` = p.`id` AND `status` = 'active')
  WHEN 'transferred' THEN (SELECT max(date(t.`at` / 1000, 'unixepoch', '+7 hours')) FROM `plan_transitions` AS t JOIN `rehab_plans` AS pl ON pl.`id` = t.`plan_id`
      WHERE pl.`person_id` = p.`id` AND t.`to_status` = 'transferred')
  ELSE (SELECT max(d) FROM (
      SELECT `completion_date` AS d FROM `rehab_plans` WHERE `person_id` = p.`id` AND `completion_date` IS NOT NULL
      UNION ALL SELECT date(t.`at` / 1000, 'unixepoch', '+7 hours') FROM `plan_transitions` AS t JOIN `rehab_plans` AS pl ON pl.`id` = t.`plan_id`
        WHERE pl.`person_id` = p.`id` AND t.`to_status` = 'terminated'
      UNION ALL SELECT date(`end_on`, '+1 day') FROM `post_rehab_records` WHERE `person_id` = p.`id` AND `status` = 'ended'
      UNION ALL SELECT `ended_on` FROM `management_periods` WHERE `person_id` = p.`id` AND `ended_on` IS NOT NULL
      UNION ALL SELECT `end_on` FROM `methadone_treatments` WHERE `person_id` = p.`id` AND `end_on` IS NOT NULL
      UNION ALL SELECT `returned_on` FROM `compulsory_referrals` WHERE `person_id` = p.`id` AND `returned_on` IS NOT NULL))
  END, date(p.`created_at` / 1000, 'unixepoch', '+7 hours'))));--> statement-breakpoint
CREATE TRIGGER `persons_change_log_update` AFTER UPDATE ON `persons` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) SELECT 'person', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.`commune_code` IS NOT NEW.`commune_code` OR OLD.`id` IS NOT NEW.`id`;
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('person', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;--> statement-breakpoint
-- The history of the people already registered (approximate, decision 0034): from the day the row was made, the
-- status their category starts with (a user under management, a dependent person awaiting registration, a
-- post-rehab person in post-rehab), then from `status_since` the current status — what happened in between is
-- not known. Where the two are the same status, or the same day, one span.
INSERT INTO `person_status_periods` (`person_id`, `from_on`, `to_on`, `commune_code`, `category`, `status`)
  SELECT p.`id`, date(p.`created_at` / 1000, 'unixepoch', '+7 hours'), p.`status_since`, p.`commune_code`, p.`category`,
      CASE p.`category` WHEN 'drug_user' THEN 'under_management' WHEN 'dependent' THEN 'awaiting_registration' ELSE 'post_rehab' END
    FROM `persons` AS p
    WHERE p.`status_since` > date(p.`created_at` / 1000, 'unixepoch', '+7 hours')
      AND p.`status` <> CASE p.`category` WHEN 'drug_user' THEN 'under_management' WHEN 'dependent' THEN 'awaiting_registration' ELSE 'post_rehab' END;--> statement-breakpoint
INSERT INTO `person_status_periods` (`person_id`, `from_on`, `to_on`, `commune_code`, `category`, `status`)
  SELECT p.`id`,
      CASE WHEN p.`status` <> CASE p.`category` WHEN 'drug_user' THEN 'under_management' WHEN 'dependent' THEN 'awaiting_registration' ELSE 'post_rehab' END
        THEN p.`status_since` ELSE date(p.`created_at` / 1000, 'unixepoch', '+7 hours') END,
      NULL, p.`commune_code`, p.`category`, p.`status`
    FROM `persons` AS p;--> statement-breakpoint
INSERT INTO `report_status_deltas` (`commune_code`, `month`, `category`, `status`, `n`)
  SELECT `commune_code`, substr(`from_on`, 1, 7), `category`, `status`, count(*) FROM `person_status_periods` GROUP BY 1, 2, 3, 4;--> statement-breakpoint
INSERT INTO `report_status_deltas` (`commune_code`, `month`, `category`, `status`, `n`)
  SELECT `commune_code`, substr(`to_on`, 1, 7), `category`, `status`, -count(*) FROM `person_status_periods` WHERE `to_on` IS NOT NULL GROUP BY 1, 2, 3, 4
  ON CONFLICT (`commune_code`, `category`, `status`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
-- From here on every change of a person's status, commune or category closes their open span and opens the next
-- on the day it took effect: `status_since` as the writer set it (the deciding record's date), never before the
-- open span began; a writer that sets none gets today (Vietnam). The monthly deltas move with it.
CREATE TRIGGER `person_status_history_insert` AFTER INSERT ON `persons` BEGIN
  INSERT INTO `person_status_periods` (`person_id`, `from_on`, `to_on`, `commune_code`, `category`, `status`)
    VALUES (new.`id`, coalesce(new.`status_since`, date('now', '+7 hours')), NULL, new.`commune_code`, new.`category`, new.`status`);
  INSERT INTO `report_status_deltas` (`commune_code`, `month`, `category`, `status`, `n`)
    VALUES (new.`commune_code`, substr(coalesce(new.`status_since`, date('now', '+7 hours')), 1, 7), new.`category`, new.`status`, 1)
    ON CONFLICT (`commune_code`, `category`, `status`, `month`) DO UPDATE SET `n` = `n` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `person_status_history_update` AFTER UPDATE OF `status`, `commune_code`, `category` ON `persons`
  WHEN old.`status` IS NOT new.`status` OR old.`commune_code` IS NOT new.`commune_code` OR old.`category` IS NOT new.`category` BEGIN
  INSERT INTO `report_status_deltas` (`commune_code`, `month`, `category`, `status`, `n`)
    VALUES (old.`commune_code`, substr(max(coalesce(new.`status_since`, date('now', '+7 hours')), coalesce((SELECT max(`from_on`) FROM `person_status_periods` WHERE `person_id` = new.`id`), '')), 1, 7), old.`category`, old.`status`, -1)
    ON CONFLICT (`commune_code`, `category`, `status`, `month`) DO UPDATE SET `n` = `n` - 1;
  INSERT INTO `report_status_deltas` (`commune_code`, `month`, `category`, `status`, `n`)
    VALUES (new.`commune_code`, substr(max(coalesce(new.`status_since`, date('now', '+7 hours')), coalesce((SELECT max(`from_on`) FROM `person_status_periods` WHERE `person_id` = new.`id`), '')), 1, 7), new.`category`, new.`status`, 1)
    ON CONFLICT (`commune_code`, `category`, `status`, `month`) DO UPDATE SET `n` = `n` + 1;
  UPDATE `person_status_periods` SET `to_on` = max(coalesce(new.`status_since`, date('now', '+7 hours')), `from_on`) WHERE `person_id` = new.`id` AND `to_on` IS NULL;
  INSERT INTO `person_status_periods` (`person_id`, `from_on`, `to_on`, `commune_code`, `category`, `status`)
    VALUES (new.`id`, max(coalesce(new.`status_since`, date('now', '+7 hours')), coalesce((SELECT max(`from_on`) FROM `person_status_periods` WHERE `person_id` = new.`id`), '')), NULL, new.`commune_code`, new.`category`, new.`status`);
END;--> statement-breakpoint
CREATE TRIGGER `person_status_history_delete` AFTER DELETE ON `persons` BEGIN
  INSERT INTO `report_status_deltas` (`commune_code`, `month`, `category`, `status`, `n`)
    VALUES (old.`commune_code`, substr(max(date('now', '+7 hours'), coalesce((SELECT max(`from_on`) FROM `person_status_periods` WHERE `person_id` = old.`id`), '')), 1, 7), old.`category`, old.`status`, -1)
    ON CONFLICT (`commune_code`, `category`, `status`, `month`) DO UPDATE SET `n` = `n` - 1;
  UPDATE `person_status_periods` SET `to_on` = max(date('now', '+7 hours'), `from_on`) WHERE `person_id` = old.`id` AND `to_on` IS NULL;
END;
--> statement-breakpoint
-- Each plan's latest review day (decision 0034), for the report's count of plans overdue today: filled from the
-- reviews already recorded, then kept by triggers on reviews. The plans' sync change log ignores this column (it
-- is not sent to phones): its update trigger is recreated as 0007 wrote it, but not for a change of it alone.
DROP TRIGGER `rehab_plans_change_log_update`;--> statement-breakpoint
UPDATE `rehab_plans` SET `last_reviewed_on` = (SELECT max(r.`reviewed_on`) FROM `reviews` AS r WHERE r.`plan_id` = `rehab_plans`.`id`);--> statement-breakpoint
CREATE TRIGGER `rehab_plans_change_log_update` AFTER UPDATE ON `rehab_plans`
  WHEN OLD.`last_reviewed_on` IS NEW.`last_reviewed_on` OR OLD.`version` IS NOT NEW.`version` BEGIN
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) SELECT 'plan', OLD.`id`, OLD.`commune_code`, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE OLD.`commune_code` IS NOT NEW.`commune_code` OR OLD.`id` IS NOT NEW.`id`;
	INSERT INTO `change_log` (`entity`, `entity_id`, `commune_code`, `op`, `at`) VALUES ('plan', NEW.`id`, NEW.`commune_code`, 'upsert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;--> statement-breakpoint
CREATE TRIGGER `rehab_plans_last_review_insert` AFTER INSERT ON `reviews` WHEN new.`plan_id` IS NOT NULL BEGIN
  UPDATE `rehab_plans` SET `last_reviewed_on` = new.`reviewed_on`
    WHERE `id` = new.`plan_id` AND (`last_reviewed_on` IS NULL OR `last_reviewed_on` < new.`reviewed_on`);
END;--> statement-breakpoint
CREATE TRIGGER `rehab_plans_last_review_update` AFTER UPDATE OF `reviewed_on`, `plan_id` ON `reviews` BEGIN
  UPDATE `rehab_plans` SET `last_reviewed_on` = (SELECT max(r.`reviewed_on`) FROM `reviews` AS r WHERE r.`plan_id` = `rehab_plans`.`id`)
    WHERE `id` IN (old.`plan_id`, new.`plan_id`);
END;--> statement-breakpoint
CREATE TRIGGER `rehab_plans_last_review_delete` AFTER DELETE ON `reviews` WHEN old.`plan_id` IS NOT NULL BEGIN
  UPDATE `rehab_plans` SET `last_reviewed_on` = (SELECT max(r.`reviewed_on`) FROM `reviews` AS r WHERE r.`plan_id` = `rehab_plans`.`id`)
    WHERE `id` = old.`plan_id`;
END;
