ALTER TABLE `post_rehab_records` ADD `open_decision` text;--> statement-breakpoint
ALTER TABLE `plan_transitions` ADD `decision` text;--> statement-breakpoint
ALTER TABLE `rehab_plans` ADD `start_decision_on` text;--> statement-breakpoint
-- The law's five stages (decision 0026): the old four renamed, the first stage (intake and classification) added
-- where a plan lacks it; fields a stage gains (dates, done mark) read as empty (kernel/domain/plan-stages.ts).
UPDATE `rehab_plans` SET `stages` = replace(replace(replace(`stages`, '"withdrawal_detox"', '"detox_treatment"'), '"counselling_education"', '"education_counselling"'), '"vocational_support"', '"work_vocational"')
  WHERE `stages` LIKE '%"withdrawal_detox"%' OR `stages` LIKE '%"counselling_education"%' OR `stages` LIKE '%"vocational_support"%';--> statement-breakpoint
UPDATE `rehab_plans` SET `stages` = '[{"stage":"intake_classification","activities":[]}' || CASE WHEN trim(`stages`) = '[]' THEN ']' ELSE ',' || substr(trim(`stages`), 2) END
  WHERE `stages` NOT LIKE '%"intake_classification"%' AND trim(`stages`) LIKE '[%';--> statement-breakpoint
-- "relapse" meant drug use during rehab: the law's name for the ground.
UPDATE `plan_transitions` SET `reason` = 'drug_use' WHERE `to_status` = 'terminated' AND `reason` = 'relapse';--> statement-breakpoint
-- The completion certificate becomes the completing transition's decision; its signer's role and issuing body
-- were not recorded ("other", "không ghi").
UPDATE `plan_transitions` SET `decision` = (
  SELECT json_object('number', p.`completion_number`, 'date', p.`completion_date`, 'signer', p.`completion_signer`, 'signerRole', 'other', 'body', 'không ghi')
    FROM `rehab_plans` p WHERE p.`id` = `plan_transitions`.`plan_id` AND p.`completion_number` IS NOT NULL AND p.`completion_date` IS NOT NULL AND p.`completion_signer` IS NOT NULL)
  WHERE `to_status` = 'completed' AND `decision` IS NULL;
