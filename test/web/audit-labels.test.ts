// Every audit action code and record type written anywhere in worker/ or db/ has a Vietnamese and an English
// label, and no label is left for a code nobody writes. The codes are found by scanning the sources, so a new
// `appendAudit(…, { action: 'x.y' })` without a label fails here.
// The drug-free communes' labels load with the audit screens (decision 0037).
import '../../web/src/i18n/certification-late.ts'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { en } from '../../web/src/i18n/en.ts'
import { vi } from '../../web/src/i18n/vi.ts'
import { actionLabel, AUDIT_ACTIONS, AUDIT_ENTITIES, entityLabel } from '../../web/src/lib/audit-labels.ts'
import { translate, loadLocale } from '../../web/src/i18n/i18n.tsx'

// English is loaded on demand in the app (i18n.tsx); these tests read it.
await loadLocale('en')

const ROOTS = ['worker', 'db', 'kernel']
const CODE = /^[a-z_]+(\.[a-z_]+)+$/
/** Codes built from a template, with every value the template can take (a new template must be added here). */
const TEMPLATES: Record<string, string[]> = {
  'user.${purpose}_link': ['user.invite_link', 'user.reset_link'],
  'user.${row.purpose}_accepted': ['user.invite_accepted', 'user.reset_accepted'],
  'user.${purpose}_sent': ['user.invite_sent', 'user.reset_sent'],
  'province.${change}': ['province.suspend', 'province.resume'],
  'assessment.${what}': ['assessment.submit', 'assessment.return', 'assessment.recognise', 'assessment.not_recognise'],
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sources(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

interface Found {
  actions: Map<string, string>
  entities: Map<string, string>
  unknownTemplates: string[]
}

/** `action: <expression>` up to the end of the property: its string literals are codes, its templates expanded. */
function scan(): Found {
  const found: Found = { actions: new Map(), entities: new Map(), unknownTemplates: [] }
  for (const file of ROOTS.flatMap(sources)) {
    const text = readFileSync(file, 'utf8')
    for (const [, expression] of text.matchAll(/\baction:\s*([^,\n]+)/g)) {
      for (const [, literal] of expression!.matchAll(/'([^'\n]*)'/g)) if (CODE.test(literal!)) found.actions.set(literal!, file)
      for (const [, template] of expression!.matchAll(/`([^`\n]*)`/g)) {
        const values = TEMPLATES[template!]
        if (values) for (const code of values) found.actions.set(code, file)
        else found.unknownTemplates.push(`${file}: \`${template}\``)
      }
    }
    // Reads audited through worker/reads.ts: auditRead(c, '<code>', { type: '<entity>', … }), or auditedRead with
    // the same first arguments (the read issued beside its entry), readEntry (an entry built to append later), or
    // readPerson / readWithEntryIf (the entry sent with the read, inserted where the caller may read).
    for (const [, code] of text.matchAll(/\b(?:audit(?:Read|edRead)|readEntry|readPerson|readWithEntryIf)\(\s*c,\s*'([a-z_.]+)'/g))
      found.actions.set(code!, file)
    for (const [, type] of text.matchAll(/\b(?:audit(?:Read|edRead)|readEntry|readPerson|readWithEntryIf)\(\s*c,\s*'[a-z_.]+',\s*\{ type: '([a-z_]+)'/g))
      found.entities.set(type!, file)
    for (const [, type] of text.matchAll(/\bentityType:\s*'([a-z_]+)'/g)) found.entities.set(type!, file)
  }
  return found
}

const found = scan()

describe('audit labels', () => {
  it('finds the codes written across the code base (the scan itself works)', () => {
    for (const code of [
      'user.change_access',
      'sync.pull',
      'user.invite_accepted',
      'user.reset_sent',
      'user.accept_flagged',
      'user.invite_link',
      'province.resume',
      'import.rows.read',
      'import.rejected_download',
      'person.access_log',
      'seed.demo',
    ]) {
      expect(found.actions.has(code), code).toBe(true)
    }
    expect(found.entities.has('management_period')).toBe(true)
    expect(found.unknownTemplates, 'add the values of these templates to TEMPLATES').toEqual([])
  })

  it('labels every action code in Vietnamese and in English', () => {
    const missing = [...found.actions]
      .filter(([code]) => !(`auditAction.${code}` in vi) || !(`auditAction.${code}` in en))
      .map(([code, file]) => `${code} (${file})`)
    expect(missing).toEqual([])
  })

  it('labels every record type in both languages', () => {
    const missing = [...found.entities]
      .filter(([type]) => !(`auditEntity.${type}` in vi) || !(`auditEntity.${type}` in en))
      .map(([type, file]) => `${type} (${file})`)
    expect(missing).toEqual([])
  })

  it('keeps no label for a code or type that nothing writes', () => {
    expect(AUDIT_ACTIONS.filter((code) => !found.actions.has(code))).toEqual([])
    expect(AUDIT_ENTITIES.filter((type) => !found.entities.has(type))).toEqual([])
  })

  it('shows the label in the chosen language and an unknown code as itself', () => {
    const tVi = (key: Parameters<typeof translate>[1]) => translate('vi', key)
    const tEn = (key: Parameters<typeof translate>[1]) => translate('en', key)
    expect(actionLabel(tVi, 'user.change_access')).toBe('Đổi vai trò, phạm vi')
    expect(actionLabel(tEn, 'user.change_access')).toBe('Changed role or scope')
    expect(actionLabel(tVi, 'future.thing')).toBe('future.thing')
    expect(entityLabel(tEn, 'plan')).toBe('Plan')
  })
})
