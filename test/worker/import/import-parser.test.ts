import { afterAll, describe, expect, it } from 'vitest'
import { analyseFile, parseInline, type ParseJob } from '../../../worker/import/analyse-file.ts'
import { createWorkerParser } from '../../../worker/import/import-parser.node.ts'
import { TOO_COMPRESSED, TOO_LARGE } from '../../../worker/import/zip-archive.ts'
import { writeXlsx } from '../../../worker/lib/xlsx-writer.ts'
import { forgeDeclaredSize, xlsxBomb } from '../../helpers/zip-bomb.ts'

// Synthetic people (invented names, fictitious citizen IDs) in one real commune of Hà Nội.
const HEADER = ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Xã/phường', 'Phân loại']
const person = (i: number) => [
  `Người Thử ${i}`,
  '05/09/1990',
  i % 2 ? 'Nữ' : 'Nam',
  `001${i % 2}90${String(i).padStart(6, '0')}`,
  'Phường Việt Hưng',
  'Sử dụng trái phép',
]
const list = (rows: number) => writeXlsx([{ name: 'Danh sách', header: HEADER, rows: Array.from({ length: rows }, (_, i) => person(i + 1)) }])

const job = (bytes: Uint8Array): ParseJob => ({
  bytes,
  limits: { maxRows: 20_000, maxUncompressedBytes: 50 * 1024 * 1024 },
  provinceName: 'Thành phố Hà Nội',
  communes: [{ code: '00127', name: 'Phường Việt Hưng' }],
  mappings: [],
  scope: null,
  today: '2026-11-30',
  resolutions: new Map([[3, '00127']]),
})

/**
 * How many turns of its event loop the request thread made while `work` was under way (each turn is where it
 * would answer another request): none while the work holds the thread. Counted, not timed.
 */
async function loopTurns(work: () => Promise<unknown>): Promise<number> {
  let turns = 0
  let next: NodeJS.Immediate | undefined
  const turn = () => {
    turns++
    next = setImmediate(turn)
  }
  next = setImmediate(turn)
  const before = turns
  try {
    await work()
    return turns - before
  } finally {
    clearImmediate(next)
  }
}

const parsers: { close(): Promise<void> }[] = []
afterAll(async () => {
  await Promise.all(parsers.map((p) => p.close()))
})
const workerParser = (options: Parameters<typeof createWorkerParser>[0] = {}) => {
  const parser = createWorkerParser(options)
  parsers.push(parser)
  return parser
}

describe('parsing on a worker thread (Node)', () => {
  it('gives exactly what the inline parse gives: the table, the columns, the accepted and the rejected rows', async () => {
    const bytes = writeXlsx([
      {
        name: 'Danh sách',
        header: HEADER,
        rows: [person(1), person(2), ['Lê Văn Sai Ngày', '31/02/1990', 'Nam', '001090000003', 'Phường Việt Hưng', 'Nghiện']],
      },
    ])
    const onThread = await workerParser()(job(bytes))
    expect(onThread).toEqual(analyseFile(job(bytes)))
    expect(onThread).toMatchObject({ ok: true, accepted: [{ rowNumber: 2 }, { rowNumber: 3 }], rejected: [{ rowNumber: 4 }] })
  })

  it('refuses a zip bomb with the same file problem as inline', async () => {
    const bomb = forgeDeclaredSize(xlsxBomb({ unpackedBytes: 60 * 1024 * 1024 }), 'xl/worksheets/sheet1.xml', 1000)
    const expected = { ok: false, problem: { code: 'too_large', message: TOO_COMPRESSED } }
    expect(await workerParser()(job(bomb))).toEqual(expected)
    expect(await parseInline(job(bomb))).toEqual(expected)
  })

  it('keeps the request thread free while a 20,000-row list is read and checked, which inline holds it for', async () => {
    const bytes = list(20_000)
    const parser = workerParser()
    await parser(job(list(10))) // the thread is started and its modules loaded first
    let inline: unknown
    const inlineTurns = await loopTurns(async () => (inline = await parseInline(job(bytes))))
    let onThread: unknown
    const threadTurns = await loopTurns(async () => (onThread = await parser(job(bytes))))
    expect(onThread).toMatchObject({ ok: true, rejected: [] })
    expect((onThread as { accepted: unknown[] }).accepted).toHaveLength(20_000)
    expect(inline).toMatchObject({ ok: true })
    expect(inlineTurns).toBe(0)
    expect(threadTurns).toBeGreaterThan(10)
  })

  it('refuses a file that needs more heap than a thread may use, replaces the thread, and parses the next file', async () => {
    const parser = workerParser({ threads: 1, maxHeapMb: 32 })
    expect(await parser(job(list(20_000)))).toEqual({ ok: false, problem: { code: 'too_large', message: TOO_LARGE } })
    expect(await parser(job(list(3)))).toMatchObject({ ok: true, accepted: [{ rowNumber: 2 }, { rowNumber: 3 }, { rowNumber: 4 }] })
  })

  it('stops a parse that runs past its time, and the pool goes on with the next job', async () => {
    const parser = workerParser({ threads: 1, timeoutMs: 1 })
    const tooSlow = { ok: false, problem: { code: 'too_large', message: expect.stringMatching(/too long/) } }
    const [first, second] = await Promise.all([parser(job(list(20_000))), parser(job(list(20_000)))])
    expect(first).toMatchObject(tooSlow)
    expect(second).toMatchObject(tooSlow)
  })

  it('parses one job per thread at a time, in order, however many arrive together', async () => {
    const parser = workerParser({ threads: 2 })
    const outcomes = await Promise.all(Array.from({ length: 6 }, (_, i) => parser(job(list(i + 1)))))
    expect(outcomes.map((o) => (o.ok ? o.accepted.length : -1))).toEqual([1, 2, 3, 4, 5, 6])
  })
})
