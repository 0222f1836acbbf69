// Which criteria version an assessment is judged by (decision 0037): the newest confirmed at or before the
// assessment was started, so a new version applies to assessments started after it. A draft begun before the
// province confirmed anything takes the first confirmed version; with none confirmed there is no set in force.
import type { CriteriaSetRecord } from '../../certification-records.ts'
import { DEFAULT_CRITERIA, type CriteriaSetContent } from './criteria.ts'

export function setInForce(sets: readonly CriteriaSetRecord[], startedAt: string): CriteriaSetRecord | undefined {
  const confirmedBefore = sets.filter((s) => s.confirmedAt <= startedAt)
  return confirmedBefore.at(-1) ?? sets[0]
}

/** The set the province works on now: its newest confirmed version, or the shipped one (version 0, unconfirmed). */
export function currentSet(sets: readonly CriteriaSetRecord[]): { setVersion: number; content: CriteriaSetContent; confirmed: boolean } {
  const latest = sets.at(-1)
  return latest ? { setVersion: latest.setVersion, content: latest.content, confirmed: true } : { setVersion: 0, content: DEFAULT_CRITERIA, confirmed: false }
}
