// Many synthetic people, fast: only person rows (no plans or reviews), for the list and search tests at scale.
// Names come from the demo seed's name parts (fictitious combinations), so equal names are common, as in a province.
import { persons } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { randomFullName } from '../../db/seed/fake-identity.ts'
import { Random } from '../../db/seed/random.ts'
import { personCategories, personStatuses } from '../../kernel/vocabulary.ts'
import { foldDiacritics } from '../../kernel/text-fold.ts'

export async function insertManyPeople(
  db: TenantDb,
  opts: { count: number; communes: readonly string[]; seed: number; extra?: readonly { fullName: string; communeCode: string }[] },
) {
  const rng = new Random(opts.seed)
  const at = new Date('2026-01-05T03:00:00.000Z')
  const row = (i: number, fullName: string, communeCode: string) => ({
    id: rng.uuid(),
    fullName,
    nameKey: foldDiacritics(fullName),
    birthDate: '1990-01-01',
    sex: 'male' as const,
    citizenId: `0010900${String(i).padStart(5, '0')}`,
    communeCode,
    category: rng.pick(personCategories),
    status: rng.pick(personStatuses),
    version: 1,
    createdAt: at,
    updatedAt: at,
  })
  const rows = Array.from({ length: opts.count }, (_, i) => row(i, randomFullName(rng, rng.chance(0.9) ? 'male' : 'female'), rng.pick(opts.communes)))
  for (const [k, e] of (opts.extra ?? []).entries()) rows.push(row(opts.count + k, e.fullName, e.communeCode))
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 500) await tx.insert(persons).values(rows.slice(i, i + 500))
  })
  return rows
}
