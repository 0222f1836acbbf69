// The server's checks of a change that need nothing but the change itself, run before it is queued, with the
// server's own rules (kernel/, pure) and messages: offline, a wrong citizen ID, a 3-month plan or a name with a
// hidden control character shows next to its field at once, not hours later on the sync screen. The server
// checks everything again at push time (each command's check and decide, kernel/commands/); the phone's view
// replays decide (overlay.ts).
import { legalRepresentativeProblems } from '../../../kernel/domain/minor.ts'
import { LAW_120_2025_IN_FORCE } from '../../../kernel/domain/monitoring.ts'
import { ApiError } from '../api.ts'
import { LOAN_AMOUNT_RULE, loanAmountMatches } from '../../../kernel/domain/after-care.ts'
import { personProblems } from '../../../kernel/domain/person-rules.ts'
import { isPhone, normalizePhone, PHONE_MESSAGE } from '../../../kernel/domain/phone.ts'
import { durationProblem } from '../../../kernel/domain/plan-status.ts'
import { textProblem, type TextKind } from '../../../kernel/text-hygiene.ts'

export interface Issue {
  field: string
  message: string
}

const isDate = (value: unknown): value is string => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const d = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value
}
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '')
/** The server's message for a day that is not one: an empty field is missing, not malformed (IsoDate). */
const notADay = (value: unknown) => (text(value) === '' ? 'is required' : 'must be a date YYYY-MM-DD')

/** The server's text rule (NFC, no control or direction characters…) on the text fields given, where present. */
function textIssues(d: Record<string, unknown>, fields: Record<string, TextKind>, prefix = 'json.'): Issue[] {
  return Object.entries(fields).flatMap(([field, kind]) => textIssue(`${prefix}${field}`, d[field], kind))
}

function textIssue(field: string, value: unknown, kind: TextKind): Issue[] {
  const message = typeof value === 'string' ? textProblem(value.trim().normalize('NFC'), kind) : null
  return message ? [{ field, message }] : []
}

/** Issues of `more` on fields that `issues` does not name yet: one message per field, as the forms show. */
const adding = (issues: Issue[], more: Issue[]) => [...issues, ...more.filter((m) => !issues.some((i) => i.field === m.field))]

/** Throws the server's 400 shape (fields as `json.…`), so forms show each message next to its field. */
export function refuseIf(issues: Issue[]): void {
  if (issues.length === 0) return
  throw new ApiError('validation_failed', 400, `Invalid ${issues[0]!.field}: ${issues[0]!.message}`, { issues })
}

/** Every problem of a registration in one round: the format of each field, and the rules across the fields that are well formed. */
export function personIssues(d: Record<string, unknown>, today: string): Issue[] {
  let issues: Issue[] = []
  if (text(d.fullName).length < 2) issues.push({ field: 'json.fullName', message: 'is required' })
  const birthDate = isDate(d.birthDate) ? d.birthDate : undefined
  if (!birthDate) issues.push({ field: 'json.birthDate', message: notADay(d.birthDate) })
  const citizenId = text(d.citizenId)
  const wellFormedId = /^\d{12}$/.test(citizenId)
  if (!wellFormedId) issues.push({ field: 'json.citizenId', message: citizenId === '' ? 'is required' : 'must be 12 digits' })
  if (typeof d.phone === 'string' && !isPhone(normalizePhone(d.phone))) issues.push({ field: 'json.phone', message: PHONE_MESSAGE })
  const determinedOn = isDate(d.addictionDeterminedOn) ? d.addictionDeterminedOn : null
  if (d.addictionDeterminedOn !== undefined && d.addictionDeterminedOn !== null && !determinedOn) {
    issues.push({ field: 'json.addictionDeterminedOn', message: 'must be a date YYYY-MM-DD' })
  }
  issues = adding(issues, textIssues(d, { fullName: 'line', addressDetail: 'line', addictionDeterminedBy: 'line', notes: 'multiline' }))
  const category = d.category === 'drug_user' || d.category === 'post_rehab' ? d.category : 'dependent'
  // A minor's legal representative (decision 0029) is checked in the same round as the rest.
  const rep = typeof d.legalRepresentative === 'object' && d.legalRepresentative !== null ? (d.legalRepresentative as Record<string, string>) : null
  if (birthDate) issues = adding(issues, legalRepresentativeProblems({ birthDate, legalRepresentative: rep }, today))
  if (rep?.phone && !isPhone(normalizePhone(rep.phone))) issues = adding(issues, [{ field: 'json.legalRepresentative.phone', message: PHONE_MESSAGE }])
  const rules = personProblems(
    {
      birthDate,
      sex: d.sex === 'female' ? 'female' : d.sex === 'male' ? 'male' : undefined,
      citizenId: wellFormedId ? citizenId : undefined,
      category,
      addictionDeterminedOn: determinedOn,
      addictionDeterminedBy: typeof d.addictionDeterminedBy === 'string' ? d.addictionDeterminedBy : null,
    },
    today,
  )
  return adding(issues, rules)
}

export function planIssues(d: Record<string, unknown>, today: string): Issue[] {
  const issues: Issue[] = []
  for (const field of ['registeredOn', 'startOn', 'plannedEndOn']) if (!isDate(d[field])) issues.push({ field: `json.${field}`, message: notADay(d[field]) })
  const members = Array.isArray(d.members) ? (d.members as Record<string, unknown>[]) : []
  members.forEach((m, i) => {
    const prefix = `json.members.${i}.`
    const missing = ['name', 'role'].filter((f) => !text(m[f])).map((f) => ({ field: `${prefix}${f}`, message: 'is required' }))
    issues.push(...adding(missing, textIssues(m, { name: 'line', role: 'line' }, prefix)))
  })
  const stages = Array.isArray(d.stages) ? (d.stages as { activities?: unknown }[]) : []
  stages.forEach((stage, i) => {
    const activities = Array.isArray(stage.activities) ? (stage.activities as unknown[]) : []
    for (const [j, activity] of activities.entries()) issues.push(...textIssue(`json.stages.${i}.activities.${j}`, activity, 'line'))
  })
  if (issues.length > 0) return issues
  const [registeredOn, startOn, plannedEndOn] = [String(d.registeredOn), String(d.startOn), String(d.plannedEndOn)]
  if (registeredOn > today) return [{ field: 'json.registeredOn', message: 'must not be in the future' }]
  if (startOn < registeredOn) return [{ field: 'json.startOn', message: 'must not be before the registration date' }]
  const duration = durationProblem(startOn, plannedEndOn)
  return duration ? [{ field: 'json.plannedEndOn', message: duration }] : []
}

export function reviewIssues(d: Record<string, unknown>, today: string, birthDate: string): Issue[] {
  return adding(reviewRuleIssues(d, today, birthDate), textIssues(d, { substance: 'line', counsellingNotes: 'multiline' }))
}

function reviewRuleIssues(d: Record<string, unknown>, today: string, birthDate: string): Issue[] {
  if (!isDate(d.reviewedOn)) return [{ field: 'json.reviewedOn', message: notADay(d.reviewedOn) }]
  if (d.reviewedOn > today) return [{ field: 'json.reviewedOn', message: 'must not be in the future' }]
  if (d.reviewedOn < birthDate) return [{ field: 'json.reviewedOn', message: 'must be after the birth date' }]
  if (d.drugTest === 'positive' && !text(d.substance)) return [{ field: 'json.substance', message: 'is required with a positive test' }]
  return []
}

export function followUpIssues(d: Record<string, unknown>, today: string, recordStartOn: string): Issue[] {
  return adding(contactDayIssues(d, today, recordStartOn), textIssues(d, { notes: 'multiline' }))
}

function contactDayIssues(d: Record<string, unknown>, today: string, recordStartOn: string): Issue[] {
  if (!isDate(d.contactedOn)) return [{ field: 'json.contactedOn', message: notADay(d.contactedOn) }]
  if (d.contactedOn > today) return [{ field: 'json.contactedOn', message: 'must not be in the future' }]
  if (d.contactedOn < recordStartOn) return [{ field: 'json.contactedOn', message: 'must not be before post-rehab management started' }]
  return []
}

/** A day field: a valid date, not in the future, not before `from` (with the server's message for that bound). */
function dayIssues(field: string, value: unknown, today: string, from: string, fromMessage: string): Issue[] {
  if (!isDate(value)) return [{ field, message: notADay(value) }]
  if (value > today) return [{ field, message: 'must not be in the future' }]
  if (value < from) return [{ field, message: fromMessage }]
  return []
}

/** A decision { number, date, signer, signerRole, body } under `field` (kernel/domain/legal-decision.ts), not dated after today. */
export function decisionIssues(value: unknown, today: string, field = 'json.decision'): Issue[] {
  const d = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
  const missing = ['number', 'signer', 'body'].filter((f) => !text(d[f])).map((f) => ({ field: `${field}.${f}`, message: 'is required' }))
  const texts = adding(missing, textIssues(d, { number: 'line', signer: 'line', body: 'line' }, `${field}.`))
  return [...texts, ...dayIssues(`${field}.date`, d.date, today, '', '')]
}

/** The certificate, not before the plan started; and the chair's decision opening post-rehab, when the body carries one. */
export function completeIssues(d: Record<string, unknown>, today: string, planStartOn: string): Issue[] {
  const certificate = decisionIssues(d.decision, today)
  const date = (d.decision as { date?: unknown } | undefined)?.date
  if (certificate.length === 0 && typeof date === 'string' && date < planStartOn)
    certificate.push({ field: 'json.decision.date', message: 'must not be before the plan started' })
  if (d.openDecision === undefined) return certificate
  const supporter = text(d.supporterName) ? textIssues(d, { supporterName: 'line' }) : [{ field: 'json.supporterName', message: 'is required' }]
  return [...certificate, ...supporter, ...decisionIssues(d.openDecision, today, 'json.openDecision')]
}

/** A status change's decision, when it carries one. */
export function transitionIssues(d: Record<string, unknown>, today: string): Issue[] {
  return [...(d.decision === undefined ? [] : decisionIssues(d.decision, today)), ...textIssues(d, { note: 'multiline' })]
}

/** A stage update's dates (the order of the dates and the done mark are the command's rules, replayed by the view). */
export function stageIssues(d: Record<string, unknown>, today: string): Issue[] {
  const issues: Issue[] = []
  for (const field of ['plannedStartOn', 'plannedEndOn', 'actualStartOn', 'actualEndOn']) {
    const value = d[field]
    if (value === null || value === undefined) continue
    if (!isDate(value)) issues.push({ field: `json.${field}`, message: 'must be a date YYYY-MM-DD' })
    else if (field.startsWith('actual') && value > today) issues.push({ field: `json.${field}`, message: 'must not be in the future' })
  }
  const activities = Array.isArray(d.activities) ? (d.activities as unknown[]) : []
  for (const [j, activity] of activities.entries()) issues.push(...textIssue(`json.activities.${j}`, activity, 'line'))
  return issues
}

export function relapseIssues(d: Record<string, unknown>, today: string, recordStartOn: string): Issue[] {
  return [
    ...dayIssues('json.relapseOn', d.relapseOn, today, recordStartOn, 'must not be before post-rehab management started'),
    ...textIssues(d, { note: 'multiline' }),
  ]
}

export function supportIssues(d: Record<string, unknown>, today: string): Issue[] {
  const amount = typeof d.amountVnd === 'number' ? d.amountVnd : null
  const issues = dayIssues('json.givenOn', d.givenOn, today, '', '')
  if (typeof d.amountVnd === 'string') issues.push({ field: 'json.amountVnd', message: 'must be an amount in VND' })
  else if (!loanAmountMatches({ kind: String(d.kind), amountVnd: amount })) issues.push({ field: 'json.amountVnd', message: LOAN_AMOUNT_RULE })
  else if (amount !== null && !(Number.isInteger(amount) && amount > 0)) issues.push({ field: 'json.amountVnd', message: 'must be a whole number of VND' })
  return [...issues, ...textIssues(d, { note: 'multiline' })]
}

/** A move (handover.create): a destination commune other than the current one, dated from the 2025 law to today. */
export function moveIssues(d: Record<string, unknown>, today: string, from: string): Issue[] {
  const issues: Issue[] = []
  if (!/^\d{5}$/.test(text(d.toCommuneCode))) issues.push({ field: 'json.toCommuneCode', message: 'must be a five-digit commune code' })
  else if (!d.toProvinceCode && d.toCommuneCode === from) issues.push({ field: 'json.toCommuneCode', message: 'must be another commune than the current one' })
  if (d.toProvinceCode !== undefined && !/^\d{2}$/.test(text(d.toProvinceCode)))
    issues.push({ field: 'json.toProvinceCode', message: 'must be a two-digit province code' })
  if (!isDate(d.movedOn)) issues.push({ field: 'json.movedOn', message: 'must be a date YYYY-MM-DD' })
  else if (String(d.movedOn) > today) issues.push({ field: 'json.movedOn', message: 'must not be in the future' })
  else if (String(d.movedOn) < LAW_120_2025_IN_FORCE)
    issues.push({ field: 'json.movedOn', message: `must be on or after ${LAW_120_2025_IN_FORCE} (Law 120/2025 in force)` })
  return issues
}
