import { describe, expect, it } from 'vitest'
import { canMerge, differingFields, keepMine, mergeChange } from '../../web/src/offline/merge.ts'
import { entry } from './offline-fixtures.ts'

const mine = entry({
  seq: 1,
  personId: 'a',
  type: 'person.update',
  entityId: 'a',
  data: { notes: 'Gặp tại nhà, ổn định', phone: '0912345678', addressDetail: 'Số 1 (giả)', version: 3 },
})
const theirs = { id: 'a', notes: 'Chuyển nơi ở', phone: '0912345678', addressDetail: null, version: 5 }

describe('conflict resolution', () => {
  it('lists only the fields where my change and the server now differ', () => {
    expect(differingFields(mine.data, theirs)).toEqual(['notes', 'addressDetail'])
    expect(differingFields({ notes: null, version: 1 }, { notes: undefined })).toEqual([])
  })

  it('"keep mine" sends my whole change again on the server’s current version', () => {
    expect(keepMine(mine, theirs)).toEqual({ ...mine.data, version: 5 })
  })

  it('a merge sends only the fields where mine was chosen, on the server’s version', () => {
    expect(mergeChange(mine, theirs, { notes: 'mine', addressDetail: 'theirs' })).toEqual({ notes: 'Gặp tại nhà, ổn định', version: 5 })
    expect(mergeChange(mine, theirs, { notes: 'theirs' })).toEqual({ addressDetail: 'Số 1 (giả)', version: 5 })
  })

  it('a merge choosing theirs everywhere leaves nothing to send', () => {
    expect(mergeChange(mine, theirs, { notes: 'theirs', addressDetail: 'theirs' })).toBeNull()
  })

  it('merges field by field only updates of a person', () => {
    expect(canMerge(mine)).toBe(true)
    expect(canMerge({ ...mine, type: 'plan.transition' })).toBe(false)
  })
})
