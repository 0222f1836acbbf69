CREATE TABLE `report_calendar` (
	`year` integer NOT NULL,
	`period` text NOT NULL,
	`from_on` text NOT NULL,
	`to_on` text NOT NULL,
	PRIMARY KEY(`year`, `period`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `report_month_deltas` (
	`figure` text NOT NULL,
	`commune_code` text NOT NULL,
	`month` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`figure`, `commune_code`, `month`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `report_period_figures` (
	`period` text NOT NULL,
	`commune_code` text NOT NULL,
	`figure` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`period`, `commune_code`, `figure`)
) WITHOUT ROWID;--> statement-breakpoint
-- ── Hand-written (decision 0043): the calendar, the backfill, then the triggers that keep the aggregates ──────────
-- Every period a report can name (parsePeriod: 2000–2100), with its first and last day.
INSERT INTO `report_calendar` (`year`, `period`, `from_on`, `to_on`)
  WITH RECURSIVE `years`(`y`) AS (SELECT 2000 UNION ALL SELECT `y` + 1 FROM `years` WHERE `y` < 2100),
  `parts`(`part`, `first`, `last`) AS (VALUES ('', 1, 12), ('-H1', 1, 6), ('-H2', 7, 12), ('-9M', 1, 9), ('-Q1', 1, 3), ('-Q2', 4, 6), ('-Q3', 7, 9), ('-Q4', 10, 12))
  SELECT `y`, `y` || `part`, printf('%04d-%02d-01', `y`, `first`), date(printf('%04d-%02d-01', `y`, `last`), '+1 month', '-1 day') FROM `years`, `parts`;--> statement-breakpoint
-- The figures of every period from the records already kept: what the triggers below would have written.
INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
  SELECT c.period, x.commune_code, 'reviews', sum(1) FROM `reviews` AS x JOIN `report_calendar` AS c ON c.year = CAST(substr(x.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= x.reviewed_on AND c.to_on >= x.reviewed_on
  WHERE 1 GROUP BY 1, 2, 3
  ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
  SELECT c.period, x.commune_code, 'pr.contacts.times', sum(1) FROM `follow_ups` AS x JOIN `report_calendar` AS c ON c.year = CAST(substr(x.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= x.contacted_on AND c.to_on >= x.contacted_on
  WHERE 1 GROUP BY 1, 2, 3
  ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
  SELECT c.period, x.commune_code, 'pr.contacts.people', count(DISTINCT x.person_id) FROM `follow_ups` AS x JOIN `report_calendar` AS c ON c.year = CAST(substr(x.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= x.contacted_on AND c.to_on >= x.contacted_on
  WHERE 1 GROUP BY 1, 2, 3
  ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
  SELECT c.period, x.commune_code, 'sup:' || x.kind || ':times', sum(1) FROM `support_records` AS x JOIN `report_calendar` AS c ON c.year = CAST(substr(x.given_on, 1, 4) AS INTEGER) AND c.from_on <= x.given_on AND c.to_on >= x.given_on
  WHERE 1 GROUP BY 1, 2, 3
  ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
  SELECT c.period, x.commune_code, 'sup:' || x.kind || ':amount', sum(coalesce(x.amount_vnd, 0)) FROM `support_records` AS x JOIN `report_calendar` AS c ON c.year = CAST(substr(x.given_on, 1, 4) AS INTEGER) AND c.from_on <= x.given_on AND c.to_on >= x.given_on
  WHERE 1 GROUP BY 1, 2, 3
  ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
  SELECT c.period, x.commune_code, 'sup:' || x.kind || ':people', count(DISTINCT x.person_id) FROM `support_records` AS x JOIN `report_calendar` AS c ON c.year = CAST(substr(x.given_on, 1, 4) AS INTEGER) AND c.from_on <= x.given_on AND c.to_on >= x.given_on
  WHERE 1 GROUP BY 1, 2, 3
  ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
  SELECT c.period, x.commune_code, 'pr.managed.times', sum(1) FROM `post_rehab_records` AS x JOIN `report_calendar` AS c ON c.year BETWEEN CAST(substr(x.start_on, 1, 4) AS INTEGER) AND CAST(substr(min(x.end_on, coalesce(x.relapse_on, x.end_on)), 1, 4) AS INTEGER) AND c.from_on <= min(x.end_on, coalesce(x.relapse_on, x.end_on)) AND c.to_on >= x.start_on
  WHERE 1 GROUP BY 1, 2, 3
  ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
  SELECT c.period, x.commune_code, 'pr.managed.people', count(DISTINCT x.person_id) FROM `post_rehab_records` AS x JOIN `report_calendar` AS c ON c.year BETWEEN CAST(substr(x.start_on, 1, 4) AS INTEGER) AND CAST(substr(min(x.end_on, coalesce(x.relapse_on, x.end_on)), 1, 4) AS INTEGER) AND c.from_on <= min(x.end_on, coalesce(x.relapse_on, x.end_on)) AND c.to_on >= x.start_on
  WHERE 1 GROUP BY 1, 2, 3
  ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
  SELECT c.period, x.commune_code, 'pr.atEnd', count(DISTINCT x.person_id) FROM `post_rehab_records` AS x JOIN `report_calendar` AS c ON c.year BETWEEN CAST(substr(x.start_on, 1, 4) AS INTEGER) AND CAST(substr(x.end_on, 1, 4) AS INTEGER) AND c.to_on >= x.start_on AND c.to_on <= x.end_on AND (x.relapse_on IS NULL OR x.relapse_on > c.to_on)
  WHERE 1 GROUP BY 1, 2, 3
  ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
  SELECT c.period, x.commune_code, 'pr.started', sum(1) FROM `post_rehab_records` AS x JOIN `report_calendar` AS c ON c.year = CAST(substr(x.start_on, 1, 4) AS INTEGER) AND c.from_on <= x.start_on AND c.to_on >= x.start_on AND c.from_on <= x.end_on
  WHERE 1 GROUP BY 1, 2, 3
  ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
  SELECT c.period, x.commune_code, 'pr.relapses.times', sum(1) FROM `post_rehab_records` AS x JOIN `report_calendar` AS c ON c.year = CAST(substr(x.relapse_on, 1, 4) AS INTEGER) AND c.from_on <= x.relapse_on AND c.to_on >= x.relapse_on
  WHERE 1 GROUP BY 1, 2, 3
  ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
  SELECT c.period, x.commune_code, 'pr.relapses.people', count(DISTINCT x.person_id) FROM `post_rehab_records` AS x JOIN `report_calendar` AS c ON c.year = CAST(substr(x.relapse_on, 1, 4) AS INTEGER) AND c.from_on <= x.relapse_on AND c.to_on >= x.relapse_on
  WHERE 1 GROUP BY 1, 2, 3
  ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
  SELECT c.period, x.commune_code, 'ref.referred', sum(1) FROM `compulsory_referrals` AS x JOIN `report_calendar` AS c ON c.year = CAST(substr(x.dossier_on, 1, 4) AS INTEGER) AND c.from_on <= x.dossier_on AND c.to_on >= x.dossier_on
  WHERE 1 GROUP BY 1, 2, 3
  ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
  SELECT c.period, x.commune_code, 'ref.admitted', sum(1) FROM `compulsory_referrals` AS x JOIN `report_calendar` AS c ON c.year = CAST(substr(x.admitted_on, 1, 4) AS INTEGER) AND c.from_on <= x.admitted_on AND c.to_on >= x.admitted_on
  WHERE 1 GROUP BY 1, 2, 3
  ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
  SELECT c.period, x.commune_code, 'ref.returned', sum(1) FROM `compulsory_referrals` AS x JOIN `report_calendar` AS c ON c.year = CAST(substr(x.returned_on, 1, 4) AS INTEGER) AND c.from_on <= x.returned_on AND c.to_on >= x.returned_on
  WHERE 1 GROUP BY 1, 2, 3
  ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
  SELECT 'ref.atEnd', x.commune_code, substr(x.admitted_on, 1, 7), count(*) FROM `compulsory_referrals` AS x WHERE substr(x.admitted_on, 1, 7) IS NOT NULL GROUP BY 1, 2, 3
  ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
  SELECT 'ref.atEnd', x.commune_code, max(substr(x.admitted_on, 1, 7), substr(x.returned_on, 1, 7)), -count(*) FROM `compulsory_referrals` AS x WHERE substr(x.admitted_on, 1, 7) IS NOT NULL AND substr(x.returned_on, 1, 7) IS NOT NULL GROUP BY 1, 2, 3
  ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
  SELECT c.period, x.commune_code, 'mt.started', sum(1) FROM `methadone_treatments` AS x JOIN `report_calendar` AS c ON c.year = CAST(substr(x.start_on, 1, 4) AS INTEGER) AND c.from_on <= x.start_on AND c.to_on >= x.start_on
  WHERE 1 GROUP BY 1, 2, 3
  ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
  SELECT c.period, x.commune_code, 'mt.ended', sum(1) FROM `methadone_treatments` AS x JOIN `report_calendar` AS c ON c.year = CAST(substr(x.end_on, 1, 4) AS INTEGER) AND c.from_on <= x.end_on AND c.to_on >= x.end_on
  WHERE 1 GROUP BY 1, 2, 3
  ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
  SELECT 'mt.atEnd', x.commune_code, substr(x.start_on, 1, 7), count(*) FROM `methadone_treatments` AS x WHERE substr(x.start_on, 1, 7) IS NOT NULL GROUP BY 1, 2, 3
  ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
  SELECT 'mt.atEnd', x.commune_code, max(substr(x.start_on, 1, 7), substr(x.end_on, 1, 7)), -count(*) FROM `methadone_treatments` AS x WHERE substr(x.start_on, 1, 7) IS NOT NULL AND substr(x.end_on, 1, 7) IS NOT NULL GROUP BY 1, 2, 3
  ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
  SELECT c.period, x.commune_code, 'mp.started', sum(1) FROM `management_periods` AS x JOIN `report_calendar` AS c ON c.year = CAST(substr(x.start_on, 1, 4) AS INTEGER) AND c.from_on <= x.start_on AND c.to_on >= x.start_on
  WHERE 1 GROUP BY 1, 2, 3
  ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
  SELECT c.period, x.commune_code, 'mp.ended', sum(1) FROM `management_periods` AS x JOIN `report_calendar` AS c ON c.year = CAST(substr(x.ended_on, 1, 4) AS INTEGER) AND c.from_on <= x.ended_on AND c.to_on >= x.ended_on
  WHERE 1 GROUP BY 1, 2, 3
  ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
  SELECT 'mp.atEnd', x.commune_code, substr(x.start_on, 1, 7), count(*) FROM `management_periods` AS x WHERE substr(x.start_on, 1, 7) IS NOT NULL GROUP BY 1, 2, 3
  ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
  SELECT 'mp.atEnd', x.commune_code, max(substr(x.start_on, 1, 7), substr(min(date(x.end_on, '+1 day'), coalesce(x.ended_on, '9999-12-31')), 1, 7)), -count(*) FROM `management_periods` AS x WHERE substr(x.start_on, 1, 7) IS NOT NULL AND substr(min(date(x.end_on, '+1 day'), coalesce(x.ended_on, '9999-12-31')), 1, 7) IS NOT NULL GROUP BY 1, 2, 3
  ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
  SELECT c.period, x.commune_code, 'det.concluded', sum(1) FROM `determinations` AS x JOIN `report_calendar` AS c ON c.year = CAST(substr(x.result_on, 1, 4) AS INTEGER) AND c.from_on <= x.result_on AND c.to_on >= x.result_on
  WHERE 1 GROUP BY 1, 2, 3
  ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
  SELECT c.period, x.commune_code, 'det.dependent', sum(1) FROM `determinations` AS x JOIN `report_calendar` AS c ON c.year = CAST(substr(x.result_on, 1, 4) AS INTEGER) AND c.from_on <= x.result_on AND c.to_on >= x.result_on
  WHERE x.result = 'dependent' GROUP BY 1, 2, 3
  ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
  SELECT 'pr.drugFree2y', x.commune_code, substr(date(x.from_on, '+2 years'), 1, 7), count(*) FROM `person_status_periods` AS x WHERE substr(date(x.from_on, '+2 years'), 1, 7) IS NOT NULL AND x.status = 'closed' AND x.category <> 'drug_user' GROUP BY 1, 2, 3
  ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
  SELECT 'pr.drugFree2y', x.commune_code, max(substr(date(x.from_on, '+2 years'), 1, 7), substr(x.to_on, 1, 7)), -count(*) FROM `person_status_periods` AS x WHERE substr(date(x.from_on, '+2 years'), 1, 7) IS NOT NULL AND substr(x.to_on, 1, 7) IS NOT NULL AND x.status = 'closed' AND x.category <> 'drug_user' GROUP BY 1, 2, 3
  ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
  SELECT c.period, x.commune_code, 'rehab.started', sum(1) FROM `rehab_plans` AS x JOIN `report_calendar` AS c ON c.year = CAST(substr(x.start_decision_on, 1, 4) AS INTEGER) AND c.from_on <= x.start_decision_on AND c.to_on >= x.start_decision_on
  WHERE 1 GROUP BY 1, 2, 3
  ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
  SELECT c.period, x.commune_code, 'rehab.completed', sum(1) FROM `rehab_plans` AS x JOIN `report_calendar` AS c ON c.year = CAST(substr(x.completion_date, 1, 4) AS INTEGER) AND c.from_on <= x.completion_date AND c.to_on >= x.completion_date
  WHERE x.status = 'completed' GROUP BY 1, 2, 3
  ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
  SELECT c.period, p.commune_code, CASE WHEN t.to_status = 'active' THEN 'rehab.started' ELSE 'rehab.' || t.to_status END, count(*) FROM `plan_transitions` AS t JOIN `rehab_plans` AS p ON p.id = t.plan_id
    JOIN `report_calendar` AS c ON c.year = CAST(substr(date(t.at / 1000, 'unixepoch', '+7 hours'), 1, 4) AS INTEGER) AND c.from_on <= date(t.at / 1000, 'unixepoch', '+7 hours') AND c.to_on >= date(t.at / 1000, 'unixepoch', '+7 hours')
  WHERE (t.to_status IN ('terminated', 'transferred') OR (t.to_status = 'active' AND t.from_status IS NOT 'suspended' AND p.start_decision_on IS NULL)) GROUP BY 1, 2, 3
  ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
  SELECT c.period, x.commune_code, 'emp.known', count(DISTINCT x.person_id) FROM (
      SELECT person_id, commune_code, reviewed_on AS d FROM `reviews` WHERE employed IS NOT NULL
      UNION ALL SELECT person_id, commune_code, contacted_on FROM `follow_ups` WHERE employed IS NOT NULL) AS x
    JOIN `report_calendar` AS c ON c.year = CAST(substr(x.d, 1, 4) AS INTEGER) AND c.from_on <= x.d AND c.to_on >= x.d
  WHERE 1 GROUP BY 1, 2
  ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
  SELECT c.period, x.commune_code, 'emp.employed', count(DISTINCT x.person_id) FROM (
      SELECT person_id, commune_code, reviewed_on AS d FROM `reviews` WHERE employed = 1
      UNION ALL SELECT person_id, commune_code, contacted_on FROM `follow_ups` WHERE employed = 1) AS x
    JOIN `report_calendar` AS c ON c.year = CAST(substr(x.d, 1, 4) AS INTEGER) AND c.from_on <= x.d AND c.to_on >= x.d
  WHERE 1 GROUP BY 1, 2
  ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;--> statement-breakpoint
-- From here on each insert, change and delete of a counted record moves its figures in the transaction that
-- writes it, whoever writes it (the runner, the jobs, the import, the seed). A change is the old row taken out and
-- the new one put in; a person counts once in a period: added only when no other record of theirs is in it
-- already, taken out only when none is left.
CREATE TRIGGER `reviews_report_insert` AFTER INSERT ON `reviews` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'reviews', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.reviewed_on AND c.to_on >= NEW.reviewed_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'emp.known', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.reviewed_on AND c.to_on >= NEW.reviewed_on
      AND NEW.employed IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM `reviews` AS rv WHERE rv.person_id = NEW.person_id AND +rv.commune_code = NEW.commune_code AND c.year = CAST(substr(+rv.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= +rv.reviewed_on AND c.to_on >= +rv.reviewed_on AND rv.employed IS NOT NULL AND rv.id <> NEW.id)
      AND NOT EXISTS (SELECT 1 FROM `follow_ups` AS fu WHERE fu.person_id = NEW.person_id AND +fu.commune_code = NEW.commune_code AND c.year = CAST(substr(+fu.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= +fu.contacted_on AND c.to_on >= +fu.contacted_on AND fu.employed IS NOT NULL)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'emp.employed', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.reviewed_on AND c.to_on >= NEW.reviewed_on
      AND NEW.employed = 1
      AND NOT EXISTS (SELECT 1 FROM `reviews` AS rv WHERE rv.person_id = NEW.person_id AND +rv.commune_code = NEW.commune_code AND c.year = CAST(substr(+rv.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= +rv.reviewed_on AND c.to_on >= +rv.reviewed_on AND rv.employed = 1 AND rv.id <> NEW.id)
      AND NOT EXISTS (SELECT 1 FROM `follow_ups` AS fu WHERE fu.person_id = NEW.person_id AND +fu.commune_code = NEW.commune_code AND c.year = CAST(substr(+fu.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= +fu.contacted_on AND c.to_on >= +fu.contacted_on AND fu.employed = 1)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `reviews_report_update` AFTER UPDATE OF `reviewed_on`, `employed`, `commune_code`, `person_id` ON `reviews`
  WHEN old.`reviewed_on` IS NOT new.`reviewed_on` OR old.`employed` IS NOT new.`employed` OR old.`commune_code` IS NOT new.`commune_code` OR old.`person_id` IS NOT new.`person_id` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'reviews', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.reviewed_on AND c.to_on >= OLD.reviewed_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'emp.known', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.reviewed_on AND c.to_on >= OLD.reviewed_on
      AND OLD.employed IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM `reviews` AS rv WHERE rv.person_id = OLD.person_id AND +rv.commune_code = OLD.commune_code AND c.year = CAST(substr(+rv.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= +rv.reviewed_on AND c.to_on >= +rv.reviewed_on AND rv.employed IS NOT NULL AND rv.id <> OLD.id)
      AND NOT EXISTS (SELECT 1 FROM `follow_ups` AS fu WHERE fu.person_id = OLD.person_id AND +fu.commune_code = OLD.commune_code AND c.year = CAST(substr(+fu.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= +fu.contacted_on AND c.to_on >= +fu.contacted_on AND fu.employed IS NOT NULL)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'emp.employed', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.reviewed_on AND c.to_on >= OLD.reviewed_on
      AND OLD.employed = 1
      AND NOT EXISTS (SELECT 1 FROM `reviews` AS rv WHERE rv.person_id = OLD.person_id AND +rv.commune_code = OLD.commune_code AND c.year = CAST(substr(+rv.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= +rv.reviewed_on AND c.to_on >= +rv.reviewed_on AND rv.employed = 1 AND rv.id <> OLD.id)
      AND NOT EXISTS (SELECT 1 FROM `follow_ups` AS fu WHERE fu.person_id = OLD.person_id AND +fu.commune_code = OLD.commune_code AND c.year = CAST(substr(+fu.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= +fu.contacted_on AND c.to_on >= +fu.contacted_on AND fu.employed = 1)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'reviews', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.reviewed_on AND c.to_on >= NEW.reviewed_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'emp.known', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.reviewed_on AND c.to_on >= NEW.reviewed_on
      AND NEW.employed IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM `reviews` AS rv WHERE rv.person_id = NEW.person_id AND +rv.commune_code = NEW.commune_code AND c.year = CAST(substr(+rv.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= +rv.reviewed_on AND c.to_on >= +rv.reviewed_on AND rv.employed IS NOT NULL AND rv.id <> NEW.id)
      AND NOT EXISTS (SELECT 1 FROM `follow_ups` AS fu WHERE fu.person_id = NEW.person_id AND +fu.commune_code = NEW.commune_code AND c.year = CAST(substr(+fu.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= +fu.contacted_on AND c.to_on >= +fu.contacted_on AND fu.employed IS NOT NULL)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'emp.employed', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.reviewed_on AND c.to_on >= NEW.reviewed_on
      AND NEW.employed = 1
      AND NOT EXISTS (SELECT 1 FROM `reviews` AS rv WHERE rv.person_id = NEW.person_id AND +rv.commune_code = NEW.commune_code AND c.year = CAST(substr(+rv.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= +rv.reviewed_on AND c.to_on >= +rv.reviewed_on AND rv.employed = 1 AND rv.id <> NEW.id)
      AND NOT EXISTS (SELECT 1 FROM `follow_ups` AS fu WHERE fu.person_id = NEW.person_id AND +fu.commune_code = NEW.commune_code AND c.year = CAST(substr(+fu.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= +fu.contacted_on AND c.to_on >= +fu.contacted_on AND fu.employed = 1)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `reviews_report_delete` AFTER DELETE ON `reviews` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'reviews', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.reviewed_on AND c.to_on >= OLD.reviewed_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'emp.known', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.reviewed_on AND c.to_on >= OLD.reviewed_on
      AND OLD.employed IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM `reviews` AS rv WHERE rv.person_id = OLD.person_id AND +rv.commune_code = OLD.commune_code AND c.year = CAST(substr(+rv.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= +rv.reviewed_on AND c.to_on >= +rv.reviewed_on AND rv.employed IS NOT NULL AND rv.id <> OLD.id)
      AND NOT EXISTS (SELECT 1 FROM `follow_ups` AS fu WHERE fu.person_id = OLD.person_id AND +fu.commune_code = OLD.commune_code AND c.year = CAST(substr(+fu.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= +fu.contacted_on AND c.to_on >= +fu.contacted_on AND fu.employed IS NOT NULL)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'emp.employed', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.reviewed_on AND c.to_on >= OLD.reviewed_on
      AND OLD.employed = 1
      AND NOT EXISTS (SELECT 1 FROM `reviews` AS rv WHERE rv.person_id = OLD.person_id AND +rv.commune_code = OLD.commune_code AND c.year = CAST(substr(+rv.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= +rv.reviewed_on AND c.to_on >= +rv.reviewed_on AND rv.employed = 1 AND rv.id <> OLD.id)
      AND NOT EXISTS (SELECT 1 FROM `follow_ups` AS fu WHERE fu.person_id = OLD.person_id AND +fu.commune_code = OLD.commune_code AND c.year = CAST(substr(+fu.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= +fu.contacted_on AND c.to_on >= +fu.contacted_on AND fu.employed = 1)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `follow_ups_report_insert` AFTER INSERT ON `follow_ups` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'pr.contacts.times', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.contacted_on AND c.to_on >= NEW.contacted_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'pr.contacts.people', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.contacted_on AND c.to_on >= NEW.contacted_on
      AND NOT EXISTS (SELECT 1 FROM `follow_ups` AS fu WHERE fu.person_id = NEW.person_id AND +fu.commune_code = NEW.commune_code AND c.year = CAST(substr(+fu.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= +fu.contacted_on AND c.to_on >= +fu.contacted_on AND fu.id <> NEW.id)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'emp.known', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.contacted_on AND c.to_on >= NEW.contacted_on
      AND NEW.employed IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM `reviews` AS rv WHERE rv.person_id = NEW.person_id AND +rv.commune_code = NEW.commune_code AND c.year = CAST(substr(+rv.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= +rv.reviewed_on AND c.to_on >= +rv.reviewed_on AND rv.employed IS NOT NULL)
      AND NOT EXISTS (SELECT 1 FROM `follow_ups` AS fu WHERE fu.person_id = NEW.person_id AND +fu.commune_code = NEW.commune_code AND c.year = CAST(substr(+fu.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= +fu.contacted_on AND c.to_on >= +fu.contacted_on AND fu.employed IS NOT NULL AND fu.id <> NEW.id)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'emp.employed', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.contacted_on AND c.to_on >= NEW.contacted_on
      AND NEW.employed = 1
      AND NOT EXISTS (SELECT 1 FROM `reviews` AS rv WHERE rv.person_id = NEW.person_id AND +rv.commune_code = NEW.commune_code AND c.year = CAST(substr(+rv.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= +rv.reviewed_on AND c.to_on >= +rv.reviewed_on AND rv.employed = 1)
      AND NOT EXISTS (SELECT 1 FROM `follow_ups` AS fu WHERE fu.person_id = NEW.person_id AND +fu.commune_code = NEW.commune_code AND c.year = CAST(substr(+fu.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= +fu.contacted_on AND c.to_on >= +fu.contacted_on AND fu.employed = 1 AND fu.id <> NEW.id)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `follow_ups_report_update` AFTER UPDATE OF `contacted_on`, `employed`, `commune_code`, `person_id` ON `follow_ups`
  WHEN old.`contacted_on` IS NOT new.`contacted_on` OR old.`employed` IS NOT new.`employed` OR old.`commune_code` IS NOT new.`commune_code` OR old.`person_id` IS NOT new.`person_id` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'pr.contacts.times', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.contacted_on AND c.to_on >= OLD.contacted_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'pr.contacts.people', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.contacted_on AND c.to_on >= OLD.contacted_on
      AND NOT EXISTS (SELECT 1 FROM `follow_ups` AS fu WHERE fu.person_id = OLD.person_id AND +fu.commune_code = OLD.commune_code AND c.year = CAST(substr(+fu.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= +fu.contacted_on AND c.to_on >= +fu.contacted_on AND fu.id <> OLD.id)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'emp.known', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.contacted_on AND c.to_on >= OLD.contacted_on
      AND OLD.employed IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM `reviews` AS rv WHERE rv.person_id = OLD.person_id AND +rv.commune_code = OLD.commune_code AND c.year = CAST(substr(+rv.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= +rv.reviewed_on AND c.to_on >= +rv.reviewed_on AND rv.employed IS NOT NULL)
      AND NOT EXISTS (SELECT 1 FROM `follow_ups` AS fu WHERE fu.person_id = OLD.person_id AND +fu.commune_code = OLD.commune_code AND c.year = CAST(substr(+fu.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= +fu.contacted_on AND c.to_on >= +fu.contacted_on AND fu.employed IS NOT NULL AND fu.id <> OLD.id)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'emp.employed', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.contacted_on AND c.to_on >= OLD.contacted_on
      AND OLD.employed = 1
      AND NOT EXISTS (SELECT 1 FROM `reviews` AS rv WHERE rv.person_id = OLD.person_id AND +rv.commune_code = OLD.commune_code AND c.year = CAST(substr(+rv.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= +rv.reviewed_on AND c.to_on >= +rv.reviewed_on AND rv.employed = 1)
      AND NOT EXISTS (SELECT 1 FROM `follow_ups` AS fu WHERE fu.person_id = OLD.person_id AND +fu.commune_code = OLD.commune_code AND c.year = CAST(substr(+fu.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= +fu.contacted_on AND c.to_on >= +fu.contacted_on AND fu.employed = 1 AND fu.id <> OLD.id)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'pr.contacts.times', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.contacted_on AND c.to_on >= NEW.contacted_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'pr.contacts.people', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.contacted_on AND c.to_on >= NEW.contacted_on
      AND NOT EXISTS (SELECT 1 FROM `follow_ups` AS fu WHERE fu.person_id = NEW.person_id AND +fu.commune_code = NEW.commune_code AND c.year = CAST(substr(+fu.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= +fu.contacted_on AND c.to_on >= +fu.contacted_on AND fu.id <> NEW.id)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'emp.known', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.contacted_on AND c.to_on >= NEW.contacted_on
      AND NEW.employed IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM `reviews` AS rv WHERE rv.person_id = NEW.person_id AND +rv.commune_code = NEW.commune_code AND c.year = CAST(substr(+rv.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= +rv.reviewed_on AND c.to_on >= +rv.reviewed_on AND rv.employed IS NOT NULL)
      AND NOT EXISTS (SELECT 1 FROM `follow_ups` AS fu WHERE fu.person_id = NEW.person_id AND +fu.commune_code = NEW.commune_code AND c.year = CAST(substr(+fu.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= +fu.contacted_on AND c.to_on >= +fu.contacted_on AND fu.employed IS NOT NULL AND fu.id <> NEW.id)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'emp.employed', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.contacted_on AND c.to_on >= NEW.contacted_on
      AND NEW.employed = 1
      AND NOT EXISTS (SELECT 1 FROM `reviews` AS rv WHERE rv.person_id = NEW.person_id AND +rv.commune_code = NEW.commune_code AND c.year = CAST(substr(+rv.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= +rv.reviewed_on AND c.to_on >= +rv.reviewed_on AND rv.employed = 1)
      AND NOT EXISTS (SELECT 1 FROM `follow_ups` AS fu WHERE fu.person_id = NEW.person_id AND +fu.commune_code = NEW.commune_code AND c.year = CAST(substr(+fu.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= +fu.contacted_on AND c.to_on >= +fu.contacted_on AND fu.employed = 1 AND fu.id <> NEW.id)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `follow_ups_report_delete` AFTER DELETE ON `follow_ups` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'pr.contacts.times', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.contacted_on AND c.to_on >= OLD.contacted_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'pr.contacts.people', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.contacted_on AND c.to_on >= OLD.contacted_on
      AND NOT EXISTS (SELECT 1 FROM `follow_ups` AS fu WHERE fu.person_id = OLD.person_id AND +fu.commune_code = OLD.commune_code AND c.year = CAST(substr(+fu.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= +fu.contacted_on AND c.to_on >= +fu.contacted_on AND fu.id <> OLD.id)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'emp.known', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.contacted_on AND c.to_on >= OLD.contacted_on
      AND OLD.employed IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM `reviews` AS rv WHERE rv.person_id = OLD.person_id AND +rv.commune_code = OLD.commune_code AND c.year = CAST(substr(+rv.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= +rv.reviewed_on AND c.to_on >= +rv.reviewed_on AND rv.employed IS NOT NULL)
      AND NOT EXISTS (SELECT 1 FROM `follow_ups` AS fu WHERE fu.person_id = OLD.person_id AND +fu.commune_code = OLD.commune_code AND c.year = CAST(substr(+fu.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= +fu.contacted_on AND c.to_on >= +fu.contacted_on AND fu.employed IS NOT NULL AND fu.id <> OLD.id)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'emp.employed', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.contacted_on AND c.to_on >= OLD.contacted_on
      AND OLD.employed = 1
      AND NOT EXISTS (SELECT 1 FROM `reviews` AS rv WHERE rv.person_id = OLD.person_id AND +rv.commune_code = OLD.commune_code AND c.year = CAST(substr(+rv.reviewed_on, 1, 4) AS INTEGER) AND c.from_on <= +rv.reviewed_on AND c.to_on >= +rv.reviewed_on AND rv.employed = 1)
      AND NOT EXISTS (SELECT 1 FROM `follow_ups` AS fu WHERE fu.person_id = OLD.person_id AND +fu.commune_code = OLD.commune_code AND c.year = CAST(substr(+fu.contacted_on, 1, 4) AS INTEGER) AND c.from_on <= +fu.contacted_on AND c.to_on >= +fu.contacted_on AND fu.employed = 1 AND fu.id <> OLD.id)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `support_records_report_insert` AFTER INSERT ON `support_records` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'sup:' || NEW.kind || ':times', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.given_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.given_on AND c.to_on >= NEW.given_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'sup:' || NEW.kind || ':amount', coalesce(NEW.amount_vnd, 0) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.given_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.given_on AND c.to_on >= NEW.given_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'sup:' || NEW.kind || ':people', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.given_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.given_on AND c.to_on >= NEW.given_on
      AND NOT EXISTS (SELECT 1 FROM `support_records` AS sr WHERE sr.person_id = NEW.person_id AND +sr.commune_code = NEW.commune_code AND +sr.kind = NEW.kind AND c.year = CAST(substr(+sr.given_on, 1, 4) AS INTEGER) AND c.from_on <= +sr.given_on AND c.to_on >= +sr.given_on AND sr.id <> NEW.id)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `support_records_report_update` AFTER UPDATE OF `given_on`, `kind`, `amount_vnd`, `commune_code`, `person_id` ON `support_records`
  WHEN old.`given_on` IS NOT new.`given_on` OR old.`kind` IS NOT new.`kind` OR old.`amount_vnd` IS NOT new.`amount_vnd` OR old.`commune_code` IS NOT new.`commune_code` OR old.`person_id` IS NOT new.`person_id` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'sup:' || OLD.kind || ':times', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.given_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.given_on AND c.to_on >= OLD.given_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'sup:' || OLD.kind || ':amount', -(coalesce(OLD.amount_vnd, 0)) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.given_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.given_on AND c.to_on >= OLD.given_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'sup:' || OLD.kind || ':people', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.given_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.given_on AND c.to_on >= OLD.given_on
      AND NOT EXISTS (SELECT 1 FROM `support_records` AS sr WHERE sr.person_id = OLD.person_id AND +sr.commune_code = OLD.commune_code AND +sr.kind = OLD.kind AND c.year = CAST(substr(+sr.given_on, 1, 4) AS INTEGER) AND c.from_on <= +sr.given_on AND c.to_on >= +sr.given_on AND sr.id <> OLD.id)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'sup:' || NEW.kind || ':times', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.given_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.given_on AND c.to_on >= NEW.given_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'sup:' || NEW.kind || ':amount', coalesce(NEW.amount_vnd, 0) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.given_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.given_on AND c.to_on >= NEW.given_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'sup:' || NEW.kind || ':people', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.given_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.given_on AND c.to_on >= NEW.given_on
      AND NOT EXISTS (SELECT 1 FROM `support_records` AS sr WHERE sr.person_id = NEW.person_id AND +sr.commune_code = NEW.commune_code AND +sr.kind = NEW.kind AND c.year = CAST(substr(+sr.given_on, 1, 4) AS INTEGER) AND c.from_on <= +sr.given_on AND c.to_on >= +sr.given_on AND sr.id <> NEW.id)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `support_records_report_delete` AFTER DELETE ON `support_records` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'sup:' || OLD.kind || ':times', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.given_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.given_on AND c.to_on >= OLD.given_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'sup:' || OLD.kind || ':amount', -(coalesce(OLD.amount_vnd, 0)) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.given_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.given_on AND c.to_on >= OLD.given_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'sup:' || OLD.kind || ':people', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.given_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.given_on AND c.to_on >= OLD.given_on
      AND NOT EXISTS (SELECT 1 FROM `support_records` AS sr WHERE sr.person_id = OLD.person_id AND +sr.commune_code = OLD.commune_code AND +sr.kind = OLD.kind AND c.year = CAST(substr(+sr.given_on, 1, 4) AS INTEGER) AND c.from_on <= +sr.given_on AND c.to_on >= +sr.given_on AND sr.id <> OLD.id)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `post_rehab_records_report_insert` AFTER INSERT ON `post_rehab_records` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'pr.managed.times', 1 FROM `report_calendar` AS c
    WHERE c.year BETWEEN CAST(substr(NEW.start_on, 1, 4) AS INTEGER) AND CAST(substr(min(NEW.end_on, coalesce(NEW.relapse_on, NEW.end_on)), 1, 4) AS INTEGER) AND c.from_on <= min(NEW.end_on, coalesce(NEW.relapse_on, NEW.end_on)) AND c.to_on >= NEW.start_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'pr.managed.people', 1 FROM `report_calendar` AS c
    WHERE c.year BETWEEN CAST(substr(NEW.start_on, 1, 4) AS INTEGER) AND CAST(substr(min(NEW.end_on, coalesce(NEW.relapse_on, NEW.end_on)), 1, 4) AS INTEGER) AND c.from_on <= min(NEW.end_on, coalesce(NEW.relapse_on, NEW.end_on)) AND c.to_on >= NEW.start_on
      AND NOT EXISTS (SELECT 1 FROM `post_rehab_records` AS pr WHERE pr.person_id = NEW.person_id AND +pr.commune_code = NEW.commune_code AND c.year BETWEEN CAST(substr(+pr.start_on, 1, 4) AS INTEGER) AND CAST(substr(min(+pr.end_on, coalesce(+pr.relapse_on, +pr.end_on)), 1, 4) AS INTEGER) AND c.from_on <= min(+pr.end_on, coalesce(+pr.relapse_on, +pr.end_on)) AND c.to_on >= +pr.start_on AND pr.id <> NEW.id)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'pr.atEnd', 1 FROM `report_calendar` AS c
    WHERE c.year BETWEEN CAST(substr(NEW.start_on, 1, 4) AS INTEGER) AND CAST(substr(NEW.end_on, 1, 4) AS INTEGER) AND c.to_on >= NEW.start_on AND c.to_on <= NEW.end_on AND (NEW.relapse_on IS NULL OR NEW.relapse_on > c.to_on)
      AND NOT EXISTS (SELECT 1 FROM `post_rehab_records` AS pr WHERE pr.person_id = NEW.person_id AND +pr.commune_code = NEW.commune_code AND c.year BETWEEN CAST(substr(+pr.start_on, 1, 4) AS INTEGER) AND CAST(substr(+pr.end_on, 1, 4) AS INTEGER) AND c.to_on >= +pr.start_on AND c.to_on <= +pr.end_on AND (+pr.relapse_on IS NULL OR +pr.relapse_on > c.to_on) AND pr.id <> NEW.id)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'pr.started', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.start_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.start_on AND c.to_on >= NEW.start_on AND c.from_on <= NEW.end_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'pr.relapses.times', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.relapse_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.relapse_on AND c.to_on >= NEW.relapse_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'pr.relapses.people', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.relapse_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.relapse_on AND c.to_on >= NEW.relapse_on
      AND NOT EXISTS (SELECT 1 FROM `post_rehab_records` AS pr WHERE pr.person_id = NEW.person_id AND +pr.commune_code = NEW.commune_code AND c.year = CAST(substr(+pr.relapse_on, 1, 4) AS INTEGER) AND c.from_on <= +pr.relapse_on AND c.to_on >= +pr.relapse_on AND pr.id <> NEW.id)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `post_rehab_records_report_update` AFTER UPDATE OF `start_on`, `end_on`, `relapse_on`, `commune_code`, `person_id` ON `post_rehab_records`
  WHEN old.`start_on` IS NOT new.`start_on` OR old.`end_on` IS NOT new.`end_on` OR old.`relapse_on` IS NOT new.`relapse_on` OR old.`commune_code` IS NOT new.`commune_code` OR old.`person_id` IS NOT new.`person_id` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'pr.managed.times', -(1) FROM `report_calendar` AS c
    WHERE c.year BETWEEN CAST(substr(OLD.start_on, 1, 4) AS INTEGER) AND CAST(substr(min(OLD.end_on, coalesce(OLD.relapse_on, OLD.end_on)), 1, 4) AS INTEGER) AND c.from_on <= min(OLD.end_on, coalesce(OLD.relapse_on, OLD.end_on)) AND c.to_on >= OLD.start_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'pr.managed.people', -(1) FROM `report_calendar` AS c
    WHERE c.year BETWEEN CAST(substr(OLD.start_on, 1, 4) AS INTEGER) AND CAST(substr(min(OLD.end_on, coalesce(OLD.relapse_on, OLD.end_on)), 1, 4) AS INTEGER) AND c.from_on <= min(OLD.end_on, coalesce(OLD.relapse_on, OLD.end_on)) AND c.to_on >= OLD.start_on
      AND NOT EXISTS (SELECT 1 FROM `post_rehab_records` AS pr WHERE pr.person_id = OLD.person_id AND +pr.commune_code = OLD.commune_code AND c.year BETWEEN CAST(substr(+pr.start_on, 1, 4) AS INTEGER) AND CAST(substr(min(+pr.end_on, coalesce(+pr.relapse_on, +pr.end_on)), 1, 4) AS INTEGER) AND c.from_on <= min(+pr.end_on, coalesce(+pr.relapse_on, +pr.end_on)) AND c.to_on >= +pr.start_on AND pr.id <> OLD.id)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'pr.atEnd', -(1) FROM `report_calendar` AS c
    WHERE c.year BETWEEN CAST(substr(OLD.start_on, 1, 4) AS INTEGER) AND CAST(substr(OLD.end_on, 1, 4) AS INTEGER) AND c.to_on >= OLD.start_on AND c.to_on <= OLD.end_on AND (OLD.relapse_on IS NULL OR OLD.relapse_on > c.to_on)
      AND NOT EXISTS (SELECT 1 FROM `post_rehab_records` AS pr WHERE pr.person_id = OLD.person_id AND +pr.commune_code = OLD.commune_code AND c.year BETWEEN CAST(substr(+pr.start_on, 1, 4) AS INTEGER) AND CAST(substr(+pr.end_on, 1, 4) AS INTEGER) AND c.to_on >= +pr.start_on AND c.to_on <= +pr.end_on AND (+pr.relapse_on IS NULL OR +pr.relapse_on > c.to_on) AND pr.id <> OLD.id)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'pr.started', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.start_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.start_on AND c.to_on >= OLD.start_on AND c.from_on <= OLD.end_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'pr.relapses.times', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.relapse_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.relapse_on AND c.to_on >= OLD.relapse_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'pr.relapses.people', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.relapse_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.relapse_on AND c.to_on >= OLD.relapse_on
      AND NOT EXISTS (SELECT 1 FROM `post_rehab_records` AS pr WHERE pr.person_id = OLD.person_id AND +pr.commune_code = OLD.commune_code AND c.year = CAST(substr(+pr.relapse_on, 1, 4) AS INTEGER) AND c.from_on <= +pr.relapse_on AND c.to_on >= +pr.relapse_on AND pr.id <> OLD.id)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'pr.managed.times', 1 FROM `report_calendar` AS c
    WHERE c.year BETWEEN CAST(substr(NEW.start_on, 1, 4) AS INTEGER) AND CAST(substr(min(NEW.end_on, coalesce(NEW.relapse_on, NEW.end_on)), 1, 4) AS INTEGER) AND c.from_on <= min(NEW.end_on, coalesce(NEW.relapse_on, NEW.end_on)) AND c.to_on >= NEW.start_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'pr.managed.people', 1 FROM `report_calendar` AS c
    WHERE c.year BETWEEN CAST(substr(NEW.start_on, 1, 4) AS INTEGER) AND CAST(substr(min(NEW.end_on, coalesce(NEW.relapse_on, NEW.end_on)), 1, 4) AS INTEGER) AND c.from_on <= min(NEW.end_on, coalesce(NEW.relapse_on, NEW.end_on)) AND c.to_on >= NEW.start_on
      AND NOT EXISTS (SELECT 1 FROM `post_rehab_records` AS pr WHERE pr.person_id = NEW.person_id AND +pr.commune_code = NEW.commune_code AND c.year BETWEEN CAST(substr(+pr.start_on, 1, 4) AS INTEGER) AND CAST(substr(min(+pr.end_on, coalesce(+pr.relapse_on, +pr.end_on)), 1, 4) AS INTEGER) AND c.from_on <= min(+pr.end_on, coalesce(+pr.relapse_on, +pr.end_on)) AND c.to_on >= +pr.start_on AND pr.id <> NEW.id)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'pr.atEnd', 1 FROM `report_calendar` AS c
    WHERE c.year BETWEEN CAST(substr(NEW.start_on, 1, 4) AS INTEGER) AND CAST(substr(NEW.end_on, 1, 4) AS INTEGER) AND c.to_on >= NEW.start_on AND c.to_on <= NEW.end_on AND (NEW.relapse_on IS NULL OR NEW.relapse_on > c.to_on)
      AND NOT EXISTS (SELECT 1 FROM `post_rehab_records` AS pr WHERE pr.person_id = NEW.person_id AND +pr.commune_code = NEW.commune_code AND c.year BETWEEN CAST(substr(+pr.start_on, 1, 4) AS INTEGER) AND CAST(substr(+pr.end_on, 1, 4) AS INTEGER) AND c.to_on >= +pr.start_on AND c.to_on <= +pr.end_on AND (+pr.relapse_on IS NULL OR +pr.relapse_on > c.to_on) AND pr.id <> NEW.id)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'pr.started', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.start_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.start_on AND c.to_on >= NEW.start_on AND c.from_on <= NEW.end_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'pr.relapses.times', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.relapse_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.relapse_on AND c.to_on >= NEW.relapse_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'pr.relapses.people', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.relapse_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.relapse_on AND c.to_on >= NEW.relapse_on
      AND NOT EXISTS (SELECT 1 FROM `post_rehab_records` AS pr WHERE pr.person_id = NEW.person_id AND +pr.commune_code = NEW.commune_code AND c.year = CAST(substr(+pr.relapse_on, 1, 4) AS INTEGER) AND c.from_on <= +pr.relapse_on AND c.to_on >= +pr.relapse_on AND pr.id <> NEW.id)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `post_rehab_records_report_delete` AFTER DELETE ON `post_rehab_records` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'pr.managed.times', -(1) FROM `report_calendar` AS c
    WHERE c.year BETWEEN CAST(substr(OLD.start_on, 1, 4) AS INTEGER) AND CAST(substr(min(OLD.end_on, coalesce(OLD.relapse_on, OLD.end_on)), 1, 4) AS INTEGER) AND c.from_on <= min(OLD.end_on, coalesce(OLD.relapse_on, OLD.end_on)) AND c.to_on >= OLD.start_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'pr.managed.people', -(1) FROM `report_calendar` AS c
    WHERE c.year BETWEEN CAST(substr(OLD.start_on, 1, 4) AS INTEGER) AND CAST(substr(min(OLD.end_on, coalesce(OLD.relapse_on, OLD.end_on)), 1, 4) AS INTEGER) AND c.from_on <= min(OLD.end_on, coalesce(OLD.relapse_on, OLD.end_on)) AND c.to_on >= OLD.start_on
      AND NOT EXISTS (SELECT 1 FROM `post_rehab_records` AS pr WHERE pr.person_id = OLD.person_id AND +pr.commune_code = OLD.commune_code AND c.year BETWEEN CAST(substr(+pr.start_on, 1, 4) AS INTEGER) AND CAST(substr(min(+pr.end_on, coalesce(+pr.relapse_on, +pr.end_on)), 1, 4) AS INTEGER) AND c.from_on <= min(+pr.end_on, coalesce(+pr.relapse_on, +pr.end_on)) AND c.to_on >= +pr.start_on AND pr.id <> OLD.id)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'pr.atEnd', -(1) FROM `report_calendar` AS c
    WHERE c.year BETWEEN CAST(substr(OLD.start_on, 1, 4) AS INTEGER) AND CAST(substr(OLD.end_on, 1, 4) AS INTEGER) AND c.to_on >= OLD.start_on AND c.to_on <= OLD.end_on AND (OLD.relapse_on IS NULL OR OLD.relapse_on > c.to_on)
      AND NOT EXISTS (SELECT 1 FROM `post_rehab_records` AS pr WHERE pr.person_id = OLD.person_id AND +pr.commune_code = OLD.commune_code AND c.year BETWEEN CAST(substr(+pr.start_on, 1, 4) AS INTEGER) AND CAST(substr(+pr.end_on, 1, 4) AS INTEGER) AND c.to_on >= +pr.start_on AND c.to_on <= +pr.end_on AND (+pr.relapse_on IS NULL OR +pr.relapse_on > c.to_on) AND pr.id <> OLD.id)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'pr.started', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.start_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.start_on AND c.to_on >= OLD.start_on AND c.from_on <= OLD.end_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'pr.relapses.times', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.relapse_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.relapse_on AND c.to_on >= OLD.relapse_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'pr.relapses.people', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.relapse_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.relapse_on AND c.to_on >= OLD.relapse_on
      AND NOT EXISTS (SELECT 1 FROM `post_rehab_records` AS pr WHERE pr.person_id = OLD.person_id AND +pr.commune_code = OLD.commune_code AND c.year = CAST(substr(+pr.relapse_on, 1, 4) AS INTEGER) AND c.from_on <= +pr.relapse_on AND c.to_on >= +pr.relapse_on AND pr.id <> OLD.id)
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `compulsory_referrals_report_insert` AFTER INSERT ON `compulsory_referrals` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'ref.referred', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.dossier_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.dossier_on AND c.to_on >= NEW.dossier_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'ref.admitted', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.admitted_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.admitted_on AND c.to_on >= NEW.admitted_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'ref.returned', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.returned_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.returned_on AND c.to_on >= NEW.returned_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'ref.atEnd', NEW.commune_code, substr(NEW.admitted_on, 1, 7), 1 WHERE substr(NEW.admitted_on, 1, 7) IS NOT NULL
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'ref.atEnd', NEW.commune_code, max(substr(NEW.admitted_on, 1, 7), substr(NEW.returned_on, 1, 7)), -1 WHERE substr(NEW.admitted_on, 1, 7) IS NOT NULL AND substr(NEW.returned_on, 1, 7) IS NOT NULL
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `compulsory_referrals_report_update` AFTER UPDATE OF `dossier_on`, `admitted_on`, `returned_on`, `commune_code` ON `compulsory_referrals`
  WHEN old.`dossier_on` IS NOT new.`dossier_on` OR old.`admitted_on` IS NOT new.`admitted_on` OR old.`returned_on` IS NOT new.`returned_on` OR old.`commune_code` IS NOT new.`commune_code` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'ref.referred', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.dossier_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.dossier_on AND c.to_on >= OLD.dossier_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'ref.admitted', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.admitted_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.admitted_on AND c.to_on >= OLD.admitted_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'ref.returned', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.returned_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.returned_on AND c.to_on >= OLD.returned_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'ref.atEnd', OLD.commune_code, substr(OLD.admitted_on, 1, 7), -1 WHERE substr(OLD.admitted_on, 1, 7) IS NOT NULL
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'ref.atEnd', OLD.commune_code, max(substr(OLD.admitted_on, 1, 7), substr(OLD.returned_on, 1, 7)), 1 WHERE substr(OLD.admitted_on, 1, 7) IS NOT NULL AND substr(OLD.returned_on, 1, 7) IS NOT NULL
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'ref.referred', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.dossier_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.dossier_on AND c.to_on >= NEW.dossier_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'ref.admitted', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.admitted_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.admitted_on AND c.to_on >= NEW.admitted_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'ref.returned', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.returned_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.returned_on AND c.to_on >= NEW.returned_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'ref.atEnd', NEW.commune_code, substr(NEW.admitted_on, 1, 7), 1 WHERE substr(NEW.admitted_on, 1, 7) IS NOT NULL
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'ref.atEnd', NEW.commune_code, max(substr(NEW.admitted_on, 1, 7), substr(NEW.returned_on, 1, 7)), -1 WHERE substr(NEW.admitted_on, 1, 7) IS NOT NULL AND substr(NEW.returned_on, 1, 7) IS NOT NULL
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `compulsory_referrals_report_delete` AFTER DELETE ON `compulsory_referrals` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'ref.referred', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.dossier_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.dossier_on AND c.to_on >= OLD.dossier_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'ref.admitted', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.admitted_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.admitted_on AND c.to_on >= OLD.admitted_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'ref.returned', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.returned_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.returned_on AND c.to_on >= OLD.returned_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'ref.atEnd', OLD.commune_code, substr(OLD.admitted_on, 1, 7), -1 WHERE substr(OLD.admitted_on, 1, 7) IS NOT NULL
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'ref.atEnd', OLD.commune_code, max(substr(OLD.admitted_on, 1, 7), substr(OLD.returned_on, 1, 7)), 1 WHERE substr(OLD.admitted_on, 1, 7) IS NOT NULL AND substr(OLD.returned_on, 1, 7) IS NOT NULL
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `methadone_treatments_report_insert` AFTER INSERT ON `methadone_treatments` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'mt.started', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.start_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.start_on AND c.to_on >= NEW.start_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'mt.ended', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.end_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.end_on AND c.to_on >= NEW.end_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'mt.atEnd', NEW.commune_code, substr(NEW.start_on, 1, 7), 1 WHERE substr(NEW.start_on, 1, 7) IS NOT NULL
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'mt.atEnd', NEW.commune_code, max(substr(NEW.start_on, 1, 7), substr(NEW.end_on, 1, 7)), -1 WHERE substr(NEW.start_on, 1, 7) IS NOT NULL AND substr(NEW.end_on, 1, 7) IS NOT NULL
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `methadone_treatments_report_update` AFTER UPDATE OF `start_on`, `end_on`, `commune_code` ON `methadone_treatments`
  WHEN old.`start_on` IS NOT new.`start_on` OR old.`end_on` IS NOT new.`end_on` OR old.`commune_code` IS NOT new.`commune_code` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'mt.started', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.start_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.start_on AND c.to_on >= OLD.start_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'mt.ended', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.end_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.end_on AND c.to_on >= OLD.end_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'mt.atEnd', OLD.commune_code, substr(OLD.start_on, 1, 7), -1 WHERE substr(OLD.start_on, 1, 7) IS NOT NULL
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'mt.atEnd', OLD.commune_code, max(substr(OLD.start_on, 1, 7), substr(OLD.end_on, 1, 7)), 1 WHERE substr(OLD.start_on, 1, 7) IS NOT NULL AND substr(OLD.end_on, 1, 7) IS NOT NULL
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'mt.started', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.start_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.start_on AND c.to_on >= NEW.start_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'mt.ended', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.end_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.end_on AND c.to_on >= NEW.end_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'mt.atEnd', NEW.commune_code, substr(NEW.start_on, 1, 7), 1 WHERE substr(NEW.start_on, 1, 7) IS NOT NULL
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'mt.atEnd', NEW.commune_code, max(substr(NEW.start_on, 1, 7), substr(NEW.end_on, 1, 7)), -1 WHERE substr(NEW.start_on, 1, 7) IS NOT NULL AND substr(NEW.end_on, 1, 7) IS NOT NULL
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `methadone_treatments_report_delete` AFTER DELETE ON `methadone_treatments` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'mt.started', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.start_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.start_on AND c.to_on >= OLD.start_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'mt.ended', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.end_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.end_on AND c.to_on >= OLD.end_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'mt.atEnd', OLD.commune_code, substr(OLD.start_on, 1, 7), -1 WHERE substr(OLD.start_on, 1, 7) IS NOT NULL
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'mt.atEnd', OLD.commune_code, max(substr(OLD.start_on, 1, 7), substr(OLD.end_on, 1, 7)), 1 WHERE substr(OLD.start_on, 1, 7) IS NOT NULL AND substr(OLD.end_on, 1, 7) IS NOT NULL
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `management_periods_report_insert` AFTER INSERT ON `management_periods` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'mp.started', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.start_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.start_on AND c.to_on >= NEW.start_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'mp.ended', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.ended_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.ended_on AND c.to_on >= NEW.ended_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'mp.atEnd', NEW.commune_code, substr(NEW.start_on, 1, 7), 1 WHERE substr(NEW.start_on, 1, 7) IS NOT NULL
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'mp.atEnd', NEW.commune_code, max(substr(NEW.start_on, 1, 7), substr(min(date(NEW.end_on, '+1 day'), coalesce(NEW.ended_on, '9999-12-31')), 1, 7)), -1 WHERE substr(NEW.start_on, 1, 7) IS NOT NULL AND substr(min(date(NEW.end_on, '+1 day'), coalesce(NEW.ended_on, '9999-12-31')), 1, 7) IS NOT NULL
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `management_periods_report_update` AFTER UPDATE OF `start_on`, `end_on`, `ended_on`, `commune_code` ON `management_periods`
  WHEN old.`start_on` IS NOT new.`start_on` OR old.`end_on` IS NOT new.`end_on` OR old.`ended_on` IS NOT new.`ended_on` OR old.`commune_code` IS NOT new.`commune_code` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'mp.started', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.start_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.start_on AND c.to_on >= OLD.start_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'mp.ended', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.ended_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.ended_on AND c.to_on >= OLD.ended_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'mp.atEnd', OLD.commune_code, substr(OLD.start_on, 1, 7), -1 WHERE substr(OLD.start_on, 1, 7) IS NOT NULL
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'mp.atEnd', OLD.commune_code, max(substr(OLD.start_on, 1, 7), substr(min(date(OLD.end_on, '+1 day'), coalesce(OLD.ended_on, '9999-12-31')), 1, 7)), 1 WHERE substr(OLD.start_on, 1, 7) IS NOT NULL AND substr(min(date(OLD.end_on, '+1 day'), coalesce(OLD.ended_on, '9999-12-31')), 1, 7) IS NOT NULL
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'mp.started', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.start_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.start_on AND c.to_on >= NEW.start_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'mp.ended', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.ended_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.ended_on AND c.to_on >= NEW.ended_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'mp.atEnd', NEW.commune_code, substr(NEW.start_on, 1, 7), 1 WHERE substr(NEW.start_on, 1, 7) IS NOT NULL
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'mp.atEnd', NEW.commune_code, max(substr(NEW.start_on, 1, 7), substr(min(date(NEW.end_on, '+1 day'), coalesce(NEW.ended_on, '9999-12-31')), 1, 7)), -1 WHERE substr(NEW.start_on, 1, 7) IS NOT NULL AND substr(min(date(NEW.end_on, '+1 day'), coalesce(NEW.ended_on, '9999-12-31')), 1, 7) IS NOT NULL
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `management_periods_report_delete` AFTER DELETE ON `management_periods` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'mp.started', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.start_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.start_on AND c.to_on >= OLD.start_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'mp.ended', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.ended_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.ended_on AND c.to_on >= OLD.ended_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'mp.atEnd', OLD.commune_code, substr(OLD.start_on, 1, 7), -1 WHERE substr(OLD.start_on, 1, 7) IS NOT NULL
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'mp.atEnd', OLD.commune_code, max(substr(OLD.start_on, 1, 7), substr(min(date(OLD.end_on, '+1 day'), coalesce(OLD.ended_on, '9999-12-31')), 1, 7)), 1 WHERE substr(OLD.start_on, 1, 7) IS NOT NULL AND substr(min(date(OLD.end_on, '+1 day'), coalesce(OLD.ended_on, '9999-12-31')), 1, 7) IS NOT NULL
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `determinations_report_insert` AFTER INSERT ON `determinations` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'det.concluded', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.result_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.result_on AND c.to_on >= NEW.result_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'det.dependent', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.result_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.result_on AND c.to_on >= NEW.result_on
      AND NEW.result = 'dependent'
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `determinations_report_update` AFTER UPDATE OF `result_on`, `result`, `commune_code` ON `determinations`
  WHEN old.`result_on` IS NOT new.`result_on` OR old.`result` IS NOT new.`result` OR old.`commune_code` IS NOT new.`commune_code` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'det.concluded', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.result_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.result_on AND c.to_on >= OLD.result_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'det.dependent', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.result_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.result_on AND c.to_on >= OLD.result_on
      AND OLD.result = 'dependent'
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'det.concluded', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.result_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.result_on AND c.to_on >= NEW.result_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'det.dependent', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.result_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.result_on AND c.to_on >= NEW.result_on
      AND NEW.result = 'dependent'
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `determinations_report_delete` AFTER DELETE ON `determinations` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'det.concluded', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.result_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.result_on AND c.to_on >= OLD.result_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'det.dependent', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.result_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.result_on AND c.to_on >= OLD.result_on
      AND OLD.result = 'dependent'
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `person_status_periods_report_insert` AFTER INSERT ON `person_status_periods` BEGIN
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'pr.drugFree2y', NEW.commune_code, substr(date(NEW.from_on, '+2 years'), 1, 7), 1 WHERE substr(date(NEW.from_on, '+2 years'), 1, 7) IS NOT NULL AND NEW.status = 'closed' AND NEW.category <> 'drug_user'
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'pr.drugFree2y', NEW.commune_code, max(substr(date(NEW.from_on, '+2 years'), 1, 7), substr(NEW.to_on, 1, 7)), -1 WHERE substr(date(NEW.from_on, '+2 years'), 1, 7) IS NOT NULL AND substr(NEW.to_on, 1, 7) IS NOT NULL AND NEW.status = 'closed' AND NEW.category <> 'drug_user'
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `person_status_periods_report_update` AFTER UPDATE OF `from_on`, `to_on`, `status`, `category`, `commune_code` ON `person_status_periods`
  WHEN old.`from_on` IS NOT new.`from_on` OR old.`to_on` IS NOT new.`to_on` OR old.`status` IS NOT new.`status` OR old.`category` IS NOT new.`category` OR old.`commune_code` IS NOT new.`commune_code` BEGIN
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'pr.drugFree2y', OLD.commune_code, substr(date(OLD.from_on, '+2 years'), 1, 7), -1 WHERE substr(date(OLD.from_on, '+2 years'), 1, 7) IS NOT NULL AND OLD.status = 'closed' AND OLD.category <> 'drug_user'
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'pr.drugFree2y', OLD.commune_code, max(substr(date(OLD.from_on, '+2 years'), 1, 7), substr(OLD.to_on, 1, 7)), 1 WHERE substr(date(OLD.from_on, '+2 years'), 1, 7) IS NOT NULL AND substr(OLD.to_on, 1, 7) IS NOT NULL AND OLD.status = 'closed' AND OLD.category <> 'drug_user'
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'pr.drugFree2y', NEW.commune_code, substr(date(NEW.from_on, '+2 years'), 1, 7), 1 WHERE substr(date(NEW.from_on, '+2 years'), 1, 7) IS NOT NULL AND NEW.status = 'closed' AND NEW.category <> 'drug_user'
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'pr.drugFree2y', NEW.commune_code, max(substr(date(NEW.from_on, '+2 years'), 1, 7), substr(NEW.to_on, 1, 7)), -1 WHERE substr(date(NEW.from_on, '+2 years'), 1, 7) IS NOT NULL AND substr(NEW.to_on, 1, 7) IS NOT NULL AND NEW.status = 'closed' AND NEW.category <> 'drug_user'
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `person_status_periods_report_delete` AFTER DELETE ON `person_status_periods` BEGIN
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'pr.drugFree2y', OLD.commune_code, substr(date(OLD.from_on, '+2 years'), 1, 7), -1 WHERE substr(date(OLD.from_on, '+2 years'), 1, 7) IS NOT NULL AND OLD.status = 'closed' AND OLD.category <> 'drug_user'
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_month_deltas` (`figure`, `commune_code`, `month`, `n`)
    SELECT 'pr.drugFree2y', OLD.commune_code, max(substr(date(OLD.from_on, '+2 years'), 1, 7), substr(OLD.to_on, 1, 7)), 1 WHERE substr(date(OLD.from_on, '+2 years'), 1, 7) IS NOT NULL AND substr(OLD.to_on, 1, 7) IS NOT NULL AND OLD.status = 'closed' AND OLD.category <> 'drug_user'
    ON CONFLICT (`figure`, `commune_code`, `month`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `rehab_plans_report_insert` AFTER INSERT ON `rehab_plans` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'rehab.started', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.start_decision_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.start_decision_on AND c.to_on >= NEW.start_decision_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'rehab.completed', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.completion_date, 1, 4) AS INTEGER) AND c.from_on <= NEW.completion_date AND c.to_on >= NEW.completion_date
      AND NEW.status = 'completed'
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, CASE WHEN t.to_status = 'active' THEN 'rehab.started' ELSE 'rehab.' || t.to_status END, 1 FROM `plan_transitions` AS t JOIN `report_calendar` AS c ON c.year = CAST(substr(date(t.at / 1000, 'unixepoch', '+7 hours'), 1, 4) AS INTEGER) AND c.from_on <= date(t.at / 1000, 'unixepoch', '+7 hours') AND c.to_on >= date(t.at / 1000, 'unixepoch', '+7 hours')
    WHERE t.plan_id = NEW.id AND (t.to_status IN ('terminated', 'transferred') OR (t.to_status = 'active' AND t.from_status IS NOT 'suspended' AND NEW.start_decision_on IS NULL))
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `rehab_plans_report_update` AFTER UPDATE OF `start_decision_on`, `completion_date`, `status`, `commune_code` ON `rehab_plans`
  WHEN old.`start_decision_on` IS NOT new.`start_decision_on` OR old.`completion_date` IS NOT new.`completion_date` OR old.`status` IS NOT new.`status` OR old.`commune_code` IS NOT new.`commune_code` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'rehab.started', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.start_decision_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.start_decision_on AND c.to_on >= OLD.start_decision_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'rehab.completed', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.completion_date, 1, 4) AS INTEGER) AND c.from_on <= OLD.completion_date AND c.to_on >= OLD.completion_date
      AND OLD.status = 'completed'
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, CASE WHEN t.to_status = 'active' THEN 'rehab.started' ELSE 'rehab.' || t.to_status END, -1 FROM `plan_transitions` AS t JOIN `report_calendar` AS c ON c.year = CAST(substr(date(t.at / 1000, 'unixepoch', '+7 hours'), 1, 4) AS INTEGER) AND c.from_on <= date(t.at / 1000, 'unixepoch', '+7 hours') AND c.to_on >= date(t.at / 1000, 'unixepoch', '+7 hours')
    WHERE t.plan_id = OLD.id AND (t.to_status IN ('terminated', 'transferred') OR (t.to_status = 'active' AND t.from_status IS NOT 'suspended' AND OLD.start_decision_on IS NULL))
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'rehab.started', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.start_decision_on, 1, 4) AS INTEGER) AND c.from_on <= NEW.start_decision_on AND c.to_on >= NEW.start_decision_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, 'rehab.completed', 1 FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(NEW.completion_date, 1, 4) AS INTEGER) AND c.from_on <= NEW.completion_date AND c.to_on >= NEW.completion_date
      AND NEW.status = 'completed'
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, NEW.commune_code, CASE WHEN t.to_status = 'active' THEN 'rehab.started' ELSE 'rehab.' || t.to_status END, 1 FROM `plan_transitions` AS t JOIN `report_calendar` AS c ON c.year = CAST(substr(date(t.at / 1000, 'unixepoch', '+7 hours'), 1, 4) AS INTEGER) AND c.from_on <= date(t.at / 1000, 'unixepoch', '+7 hours') AND c.to_on >= date(t.at / 1000, 'unixepoch', '+7 hours')
    WHERE t.plan_id = NEW.id AND (t.to_status IN ('terminated', 'transferred') OR (t.to_status = 'active' AND t.from_status IS NOT 'suspended' AND NEW.start_decision_on IS NULL))
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `rehab_plans_report_delete` AFTER DELETE ON `rehab_plans` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'rehab.started', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.start_decision_on, 1, 4) AS INTEGER) AND c.from_on <= OLD.start_decision_on AND c.to_on >= OLD.start_decision_on
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, 'rehab.completed', -(1) FROM `report_calendar` AS c
    WHERE c.year = CAST(substr(OLD.completion_date, 1, 4) AS INTEGER) AND c.from_on <= OLD.completion_date AND c.to_on >= OLD.completion_date
      AND OLD.status = 'completed'
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, OLD.commune_code, CASE WHEN t.to_status = 'active' THEN 'rehab.started' ELSE 'rehab.' || t.to_status END, -1 FROM `plan_transitions` AS t JOIN `report_calendar` AS c ON c.year = CAST(substr(date(t.at / 1000, 'unixepoch', '+7 hours'), 1, 4) AS INTEGER) AND c.from_on <= date(t.at / 1000, 'unixepoch', '+7 hours') AND c.to_on >= date(t.at / 1000, 'unixepoch', '+7 hours')
    WHERE t.plan_id = OLD.id AND (t.to_status IN ('terminated', 'transferred') OR (t.to_status = 'active' AND t.from_status IS NOT 'suspended' AND OLD.start_decision_on IS NULL))
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `plan_transitions_report_insert` AFTER INSERT ON `plan_transitions` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, p.commune_code, CASE WHEN NEW.to_status = 'active' THEN 'rehab.started' ELSE 'rehab.' || NEW.to_status END, 1 FROM `rehab_plans` AS p JOIN `report_calendar` AS c ON c.year = CAST(substr(date(NEW.at / 1000, 'unixepoch', '+7 hours'), 1, 4) AS INTEGER) AND c.from_on <= date(NEW.at / 1000, 'unixepoch', '+7 hours') AND c.to_on >= date(NEW.at / 1000, 'unixepoch', '+7 hours')
    WHERE p.id = NEW.plan_id AND (NEW.to_status IN ('terminated', 'transferred') OR (NEW.to_status = 'active' AND NEW.from_status IS NOT 'suspended' AND p.start_decision_on IS NULL))
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `plan_transitions_report_update` AFTER UPDATE OF `plan_id`, `at`, `from_status`, `to_status` ON `plan_transitions`
  WHEN old.`plan_id` IS NOT new.`plan_id` OR old.`at` IS NOT new.`at` OR old.`from_status` IS NOT new.`from_status` OR old.`to_status` IS NOT new.`to_status` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, p.commune_code, CASE WHEN OLD.to_status = 'active' THEN 'rehab.started' ELSE 'rehab.' || OLD.to_status END, -1 FROM `rehab_plans` AS p JOIN `report_calendar` AS c ON c.year = CAST(substr(date(OLD.at / 1000, 'unixepoch', '+7 hours'), 1, 4) AS INTEGER) AND c.from_on <= date(OLD.at / 1000, 'unixepoch', '+7 hours') AND c.to_on >= date(OLD.at / 1000, 'unixepoch', '+7 hours')
    WHERE p.id = OLD.plan_id AND (OLD.to_status IN ('terminated', 'transferred') OR (OLD.to_status = 'active' AND OLD.from_status IS NOT 'suspended' AND p.start_decision_on IS NULL))
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, p.commune_code, CASE WHEN NEW.to_status = 'active' THEN 'rehab.started' ELSE 'rehab.' || NEW.to_status END, 1 FROM `rehab_plans` AS p JOIN `report_calendar` AS c ON c.year = CAST(substr(date(NEW.at / 1000, 'unixepoch', '+7 hours'), 1, 4) AS INTEGER) AND c.from_on <= date(NEW.at / 1000, 'unixepoch', '+7 hours') AND c.to_on >= date(NEW.at / 1000, 'unixepoch', '+7 hours')
    WHERE p.id = NEW.plan_id AND (NEW.to_status IN ('terminated', 'transferred') OR (NEW.to_status = 'active' AND NEW.from_status IS NOT 'suspended' AND p.start_decision_on IS NULL))
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `plan_transitions_report_delete` AFTER DELETE ON `plan_transitions` BEGIN
  INSERT INTO `report_period_figures` (`period`, `commune_code`, `figure`, `n`)
    SELECT c.period, p.commune_code, CASE WHEN OLD.to_status = 'active' THEN 'rehab.started' ELSE 'rehab.' || OLD.to_status END, -1 FROM `rehab_plans` AS p JOIN `report_calendar` AS c ON c.year = CAST(substr(date(OLD.at / 1000, 'unixepoch', '+7 hours'), 1, 4) AS INTEGER) AND c.from_on <= date(OLD.at / 1000, 'unixepoch', '+7 hours') AND c.to_on >= date(OLD.at / 1000, 'unixepoch', '+7 hours')
    WHERE p.id = OLD.plan_id AND (OLD.to_status IN ('terminated', 'transferred') OR (OLD.to_status = 'active' AND OLD.from_status IS NOT 'suspended' AND p.start_decision_on IS NULL))
    ON CONFLICT (`period`, `commune_code`, `figure`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
