import { createClient as createFileClient } from '@libsql/client'
import { createClient, LibsqlBatchError, LibsqlError, type Client } from '@libsql/client/web'
import { eq } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/libsql/web'
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { splitStatements } from '../../scripts/lib/hrana-sql.ts'
import { startLocalLibsqlServer, type LocalLibsqlServer } from '../../scripts/lib/local-libsql-server.ts'

// Real databases in a temp dir, a real server on a random port and the real web client: no mocks.

let dataDir: string
let server: LocalLibsqlServer
const tenantFile = () => join(dataDir, 'tenants', 'binhan-p82.db')
const openClients: Client[] = []

function web(opts: { path?: string; authToken?: string; url?: string; intMode?: 'bigint' | 'number' } = {}): Client {
  const client = createClient({
    url: `${opts.url ?? server.url}/${opts.path ?? 'binhan-p82'}/`,
    intMode: opts.intMode ?? 'bigint',
    ...(opts.authToken !== undefined ? { authToken: opts.authToken } : {}),
  })
  openClients.push(client)
  return client
}

function fileClient(path: string): Client {
  const client = createFileClient({ url: `file:${path}`, intMode: 'bigint' })
  openClients.push(client)
  return client
}

async function rejection(promise: Promise<unknown>): Promise<LibsqlError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(LibsqlError)
  return err as LibsqlError
}

async function count(client: Client, table: string): Promise<bigint> {
  const rs = await client.execute(`SELECT count(*) AS n FROM ${table}`)
  return rs.rows[0]?.n as bigint
}

interface PipelineReply {
  status: number
  contentType: string | null
  // biome-ignore lint/suspicious/noExplicitAny: raw Hrana JSON, inspected field by field
  body: any
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}, base = server.url): Promise<PipelineReply> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: res.status, contentType: res.headers.get('content-type'), body: await res.json() }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'binhan-local-libsql-'))
  mkdirSync(join(dataDir, 'tenants'))
  for (const path of [join(dataDir, 'control.db'), tenantFile()]) {
    const setup = createFileClient({ url: `file:${path}` })
    await setup.execute('CREATE TABLE seed (id INTEGER PRIMARY KEY, label TEXT NOT NULL)')
    await setup.execute({ sql: 'INSERT INTO seed (label) VALUES (?)', args: [path.endsWith('control.db') ? 'control' : 'tenant'] })
    setup.close()
  }
  server = await startLocalLibsqlServer({ dataDir })
})

afterAll(async () => {
  for (const client of openClients) client.close()
  await server?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('local libSQL server: statements and values', () => {
  it('serves each database from its own file', async () => {
    const tenant = await web().execute('SELECT label FROM seed')
    const control = await web({ path: 'control' }).execute('SELECT label FROM seed')
    expect(tenant.rows.map((r) => r.label)).toEqual(['tenant'])
    expect(control.rows.map((r) => r.label)).toEqual(['control'])
  })

  it('binds positional and named arguments the way sqld does', async () => {
    const db = web()
    await db.execute('CREATE TABLE args_t (id INTEGER PRIMARY KEY, a, b)')
    const ins = await db.execute({ sql: 'INSERT INTO args_t (a, b) VALUES (?, ?)', args: [7n, 'bảy'] })
    expect(ins.rowsAffected).toBe(1)
    expect(ins.lastInsertRowid).toBe(1n)

    const numbered = await db.execute({ sql: 'SELECT ?2 AS second, ?1 AS first, ? AS third', args: ['one', 'two', 'three'] })
    expect(numbered.rows[0]).toMatchObject({ second: 'two', first: 'one', third: 'three' })

    const named = await db.execute({
      sql: 'SELECT :a AS a, @b AS b, $c AS c, :a AS again',
      args: { a: 5n, '@b': 'bê', c: null },
    })
    expect(named.columns).toEqual(['a', 'b', 'c', 'again'])
    expect(named.rows[0]).toMatchObject({ a: 5n, b: 'bê', c: null, again: 5n })

    const byName = await db.execute({ sql: 'SELECT b FROM args_t WHERE a = :a', args: { a: 7n } })
    expect(byName.rows[0]?.b).toBe('bảy')

    const missing = await rejection(db.execute({ sql: 'SELECT :a, :b', args: { a: 1n } }))
    expect(missing.code).toBe('ARGS_INVALID')
    const tooMany = await rejection(db.execute({ sql: 'SELECT ?', args: [1n, 2n] }))
    expect(tooMany.code).toBe('ARGS_INVALID')
  })

  it('rejects several statements in one execute instead of silently running the first', async () => {
    const db = web()
    await db.execute('CREATE TABLE multi_t (x)')
    const err = await rejection(db.execute('INSERT INTO multi_t VALUES (1); INSERT INTO multi_t VALUES (2)'))
    expect(err.code).toBe('SQL_MANY_STATEMENTS')
    expect(await count(db, 'multi_t')).toBe(0n)
    // A semicolon inside a string literal is not a statement separator.
    await db.execute("INSERT INTO multi_t VALUES ('a;b')")
    expect(await count(db, 'multi_t')).toBe(1n)
  })

  it('round-trips 64-bit integers, floats, Vietnamese text, blobs and null', async () => {
    const db = web()
    await db.execute('CREATE TABLE vals (id INTEGER PRIMARY KEY, i INTEGER, f REAL, t TEXT, b BLOB, anything)')
    const ints = [2n ** 53n + 1n, -(2n ** 63n), 2n ** 63n - 1n, 0n]
    for (const i of ints) await db.execute({ sql: 'INSERT INTO vals (i) VALUES (?)', args: [i] })
    const back = await db.execute('SELECT i FROM vals ORDER BY id')
    expect(back.rows.map((r) => r.i)).toEqual(ints)

    const text = 'Xã Đồng Tâm, huyện Mỹ Đức — Bình An 🌿'
    const blob = new Uint8Array([0, 255, 1, 2, 128])
    await db.execute({
      sql: 'INSERT INTO vals (i, f, t, b, anything) VALUES (?, ?, ?, ?, ?)',
      args: [null, 1.5, text, blob, 1],
    })
    const row = (await db.execute('SELECT i, f, t, b, anything, typeof(anything) AS kind FROM vals WHERE t IS NOT NULL')).rows[0]
    expect(row?.i).toBeNull()
    expect(row?.f).toBe(1.5)
    expect(row?.t).toBe(text)
    expect(new Uint8Array(row?.b as ArrayBuffer)).toEqual(blob)
    // A JS number is a Hrana float, so it is stored as REAL, as on Turso.
    expect(row?.kind).toBe('real')
    expect(row?.anything).toBe(1)

    const misc = (await db.execute({ sql: 'SELECT ? AS empty, -0.25 AS neg, 1e300 AS huge, ? AS n', args: [new Uint8Array(0), null] })).rows[0]
    expect(new Uint8Array(misc?.empty as ArrayBuffer).length).toBe(0)
    expect(misc?.neg).toBe(-0.25)
    expect(misc?.huge).toBe(1e300)
    expect(misc?.n).toBeNull()

    await db.execute({ sql: 'INSERT INTO vals (id) VALUES (?)', args: [2n ** 62n] })
    const next = await db.execute('INSERT INTO vals (i) VALUES (1)')
    expect(next.lastInsertRowid).toBe(2n ** 62n + 1n)
  })

  it('reports column names and declared types', async () => {
    const rs = await web().execute('SELECT id, label, 1 + 1 AS two FROM seed')
    expect(rs.columns).toEqual(['id', 'label', 'two'])
    expect(rs.columnTypes).toEqual(['INTEGER', 'TEXT', ''])
  })

  it('surfaces SQL errors as LibsqlError with the SQLite primary code', async () => {
    const db = web()
    const noTable = await rejection(db.execute('SELECT * FROM no_such_table'))
    expect(noTable.code).toBe('SQLITE_ERROR')
    expect(noTable.message).toContain('no such table: no_such_table')

    await db.execute('CREATE TABLE uniq (name TEXT UNIQUE)')
    await db.execute("INSERT INTO uniq VALUES ('Lan')")
    const dup = await rejection(db.execute("INSERT INTO uniq VALUES ('Lan')"))
    expect(dup.code).toBe('SQLITE_CONSTRAINT')
    expect(dup.message).toContain('UNIQUE constraint failed: uniq.name')
  })
})

describe('local libSQL server: batches, sequences and transactions', () => {
  it('runs batch(…, "write") atomically: a failing statement rolls back the earlier ones', async () => {
    const db = web()
    await db.execute('CREATE TABLE batch_t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)')
    const err = await rejection(
      db.batch(
        [
          { sql: 'INSERT INTO batch_t (name) VALUES (?)', args: ['An'] },
          { sql: 'INSERT INTO batch_t (name) VALUES (?)', args: ['Bình'] },
          { sql: 'INSERT INTO batch_t (name) VALUES (?)', args: ['An'] },
        ],
        'write',
      ),
    )
    expect(err).toBeInstanceOf(LibsqlBatchError)
    expect((err as LibsqlBatchError).statementIndex).toBe(2)
    expect(err.code).toBe('SQLITE_CONSTRAINT')
    expect(await count(db, 'batch_t')).toBe(0n)

    const ok = await db.batch(
      [
        { sql: 'INSERT INTO batch_t (name) VALUES (?)', args: ['An'] },
        { sql: 'INSERT INTO batch_t (name) VALUES (?)', args: ['Bình'] },
        'SELECT name FROM batch_t ORDER BY id',
      ],
      'write',
    )
    expect(ok[1]?.lastInsertRowid).toBe(2n)
    expect(ok[2]?.rows.map((r) => r.name)).toEqual(['An', 'Bình'])
  })

  it('executeMultiple runs every statement, including triggers whose bodies contain ; and CASE … END', async () => {
    const db = web()
    await db.executeMultiple(`
      CREATE TABLE seq_a (id INTEGER PRIMARY KEY, v INTEGER, note TEXT); -- comment; with a semicolon
      CREATE TABLE seq_log (msg TEXT);
      /* block; comment */
      CREATE TRIGGER seq_a_ins AFTER INSERT ON seq_a BEGIN
        INSERT INTO seq_log VALUES (CASE WHEN new.v > 1 THEN 'big;' ELSE 'small' END);
        INSERT INTO seq_log VALUES ('end');
      END;
      INSERT INTO seq_a (v, note) VALUES (1, 'x;y'), (2, 'z');
    `)
    expect(await count(db, 'seq_a')).toBe(2n)
    const log = await db.execute('SELECT msg FROM seq_log ORDER BY rowid')
    expect(log.rows.map((r) => r.msg)).toEqual(['small', 'end', 'big;', 'end'])

    // Like sqld, a sequence stops at the first failure; statements before it stay applied.
    const err = await rejection(db.executeMultiple('INSERT INTO seq_log VALUES (1); INSERT INTO nope VALUES (2); INSERT INTO seq_log VALUES (3)'))
    expect(err.code).toBe('SQLITE_ERROR')
    const after = await db.execute("SELECT msg FROM seq_log WHERE msg IN ('1', '3')")
    expect(after.rows.map((r) => r.msg)).toEqual(['1'])
  })

  it('commits an interactive transaction that other clients cannot see before COMMIT', async () => {
    const a = web()
    const b = web()
    await a.execute('CREATE TABLE tx_t (id INTEGER PRIMARY KEY, name TEXT)')
    const tx = await a.transaction('write')
    await tx.execute({ sql: 'INSERT INTO tx_t (name) VALUES (?)', args: ['Hoa'] })
    const inside = await tx.execute('SELECT count(*) AS n FROM tx_t')
    expect(inside.rows[0]?.n).toBe(1n)
    expect(await count(b, 'tx_t')).toBe(0n)
    await tx.commit()
    expect(await count(b, 'tx_t')).toBe(1n)
    expect(await count(fileClient(tenantFile()), 'tx_t')).toBe(1n)
  })

  it('rolls back an interactive transaction, leaving nothing behind', async () => {
    const db = web()
    await db.execute('CREATE TABLE tx_rb (id INTEGER PRIMARY KEY, name TEXT)')
    const tx = await db.transaction('write')
    await tx.batch([
      { sql: 'INSERT INTO tx_rb (name) VALUES (?)', args: ['Mai'] },
      { sql: 'INSERT INTO tx_rb (name) VALUES (?)', args: ['Cúc'] },
    ])
    await tx.rollback()
    expect(await count(db, 'tx_rb')).toBe(0n)
    // The write lock is gone: a new write goes through at once.
    await db.execute("INSERT INTO tx_rb (name) VALUES ('Lan')")
    expect(await count(db, 'tx_rb')).toBe(1n)
  })

  it('makes a concurrent writer wait for the open transaction instead of failing, without blocking other requests', async () => {
    const a = web()
    const b = web()
    await a.execute('CREATE TABLE tx_wait (id INTEGER PRIMARY KEY, who TEXT)')
    const tx = await a.transaction('write')
    await tx.execute("INSERT INTO tx_wait (who) VALUES ('a')")
    let settled = false
    const waiting = b.execute("INSERT INTO tx_wait (who) VALUES ('b')").finally(() => {
      settled = true
    })
    // The server keeps answering (reads) while b waits for the lock.
    expect(await count(web(), 'tx_wait')).toBe(0n)
    await sleep(150)
    expect(settled).toBe(false)
    await tx.commit()
    await waiting
    const rows = await a.execute('SELECT who FROM tx_wait ORDER BY id')
    expect(rows.rows.map((r) => r.who)).toEqual(['a', 'b'])
  })

  it('lets drizzle-orm/libsql/web work over it', async () => {
    const people = sqliteTable('drizzle_people', {
      id: integer('id').primaryKey({ autoIncrement: true }),
      name: text('name').notNull(),
      commune: text('commune'),
    })
    // The app's clients use the default intMode ('number'), so drizzle is exercised that way.
    const client = web({ intMode: 'number' })
    await client.execute('CREATE TABLE drizzle_people (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, commune TEXT)')
    const db = drizzle(client)
    const [inserted] = await db.insert(people).values({ name: 'Nguyễn Văn An', commune: 'Đồng Tâm' }).returning()
    expect(inserted).toEqual({ id: 1, name: 'Nguyễn Văn An', commune: 'Đồng Tâm' })
    await db.update(people).set({ commune: 'Hương Sơn' }).where(eq(people.id, 1))
    await db.transaction(async (tx) => {
      await tx.insert(people).values({ name: 'Trần Thị Bình' })
    })
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(people).values({ name: 'rolled back' })
        tx.rollback()
      }),
    ).rejects.toThrow()
    const all = await db.select().from(people).orderBy(people.id)
    expect(all).toEqual([
      { id: 1, name: 'Nguyễn Văn An', commune: 'Hương Sơn' },
      { id: 2, name: 'Trần Thị Bình', commune: null },
    ])
  })

  it('shares the file with file: clients in both directions', async () => {
    const db = web()
    const local = fileClient(tenantFile())
    await db.execute('CREATE TABLE shared_t (v TEXT)')
    await db.execute("INSERT INTO shared_t VALUES ('from server')")
    await local.execute("INSERT INTO shared_t VALUES ('from file')")
    const seenByFile = await local.execute('SELECT v FROM shared_t ORDER BY rowid')
    const seenByServer = await db.execute('SELECT v FROM shared_t ORDER BY rowid')
    expect(seenByFile.rows.map((r) => r.v)).toEqual(['from server', 'from file'])
    expect(seenByServer.rows.map((r) => r.v)).toEqual(['from server', 'from file'])
  })
})

describe('local libSQL server: Hrana protocol details', () => {
  it('keeps a stream across requests with batons, and handles store_sql, describe, conditions and close', async () => {
    const first = await post('/binhan-p82/v3/pipeline', {
      baton: null,
      requests: [
        { type: 'store_sql', sql_id: 1, sql: 'SELECT label, :x AS x FROM seed' },
        { type: 'execute', stmt: { sql_id: 1, named_args: [{ name: 'x', value: { type: 'integer', value: '9223372036854775807' } }] } },
        { type: 'describe', sql_id: 1 },
        { type: 'describe', sql: 'INSERT INTO seed (label) VALUES (?)' },
        { type: 'execute', stmt: { sql: 'BEGIN' } },
        { type: 'get_autocommit' },
      ],
    })
    expect(first.status).toBe(200)
    expect(first.contentType).toBe('application/json')
    expect(typeof first.body.baton).toBe('string')
    expect(first.body.base_url).toBeNull()
    const [stored, exec, describeSelect, describeInsert, , autocommit] = first.body.results
    expect(stored).toEqual({ type: 'ok', response: { type: 'store_sql' } })
    expect(exec.response.result.rows).toEqual([
      [
        { type: 'text', value: 'tenant' },
        { type: 'integer', value: '9223372036854775807' },
      ],
    ])
    expect(exec.response.result.cols).toEqual([
      { name: 'label', decltype: 'TEXT' },
      { name: 'x', decltype: null },
    ])
    expect(exec.response.result.last_insert_rowid).toBeNull()
    expect(describeSelect.response.result).toEqual({
      params: [{ name: ':x' }],
      cols: [
        { name: 'label', decltype: 'TEXT' },
        { name: 'x', decltype: null },
      ],
      is_explain: false,
      is_readonly: true,
    })
    expect(describeInsert.response.result).toMatchObject({ params: [{ name: null }], cols: [], is_readonly: false })
    expect(autocommit.response).toEqual({ type: 'get_autocommit', is_autocommit: false })

    const second = await post('/binhan-p82/v3/pipeline', {
      baton: first.body.baton,
      requests: [
        {
          type: 'batch',
          batch: {
            steps: [
              { condition: { type: 'not', cond: { type: 'is_autocommit' } }, stmt: { sql: "INSERT INTO seed (label) VALUES ('in tx')" } },
              { condition: { type: 'is_autocommit' }, stmt: { sql: 'SELECT 1' } },
            ],
          },
        },
        { type: 'execute', stmt: { sql: 'ROLLBACK' } },
        { type: 'get_autocommit' },
        { type: 'close_sql', sql_id: 1 },
      ],
    })
    expect(second.status).toBe(200)
    const [txBatch, , afterRollback, closedSql] = second.body.results
    expect(txBatch.response.result.step_results[0]).toMatchObject({ affected_row_count: 1 })
    expect(txBatch.response.result.step_results[1]).toBeNull()
    expect(afterRollback.response.is_autocommit).toBe(true)
    expect(closedSql).toEqual({ type: 'ok', response: { type: 'close_sql' } })
    const rolledBack = await web().execute("SELECT count(*) AS n FROM seed WHERE label = 'in tx'")
    expect(rolledBack.rows[0]?.n).toBe(0n)

    // A baton is good for one request only.
    const reuse = await post('/binhan-p82/v2/pipeline', { baton: first.body.baton, requests: [{ type: 'close' }] })
    expect(reuse.status).toBe(400)
    expect(reuse.body.code).toBe('BATON_INVALID')

    // Executing a closed sql_id is a protocol error: the whole request fails and the stream is dropped.
    const closedId = await post('/binhan-p82/v2/pipeline', { baton: second.body.baton, requests: [{ type: 'execute', stmt: { sql_id: 1 } }] })
    expect(closedId.status).toBe(400)
    expect(closedId.body.code).toBe('PROTOCOL_ERROR')
    const dropped = await post('/binhan-p82/v2/pipeline', { baton: second.body.baton, requests: [{ type: 'close' }] })
    expect(dropped.body.code).toBe('BATON_INVALID')

    const third = await post('/binhan-p82/v2/pipeline', {
      requests: [
        {
          type: 'batch',
          batch: {
            steps: [
              { stmt: { sql: 'SELECT * FROM missing_table' } },
              { condition: { type: 'ok', step: 0 }, stmt: { sql: 'SELECT 1' } },
              { condition: { type: 'error', step: 0 }, stmt: { sql: 'SELECT 2', want_rows: false } },
              {
                condition: {
                  type: 'or',
                  conds: [
                    { type: 'ok', step: 1 },
                    { type: 'ok', step: 2 },
                  ],
                },
                stmt: { sql: 'SELECT 3 AS three' },
              },
            ],
          },
        },
        { type: 'sequence', sql: 'SELECT 1; SELECT 2;' },
        { type: 'close' },
      ],
    })
    expect(third.status).toBe(200)
    expect(third.body.baton).toBeNull()
    const batch = third.body.results[0].response.result
    expect(batch.step_errors[0]).toMatchObject({ code: 'SQLITE_ERROR' })
    expect(batch.step_results[0]).toBeNull()
    expect(batch.step_results[1]).toBeNull()
    expect(batch.step_errors[1]).toBeNull()
    expect(batch.step_results[2]).toMatchObject({ rows: [], cols: [{ name: '2' }] })
    expect(batch.step_results[3].rows).toEqual([[{ type: 'integer', value: '3' }]])
    expect(third.body.results.slice(1)).toEqual([
      { type: 'ok', response: { type: 'sequence' } },
      { type: 'ok', response: { type: 'close' } },
    ])
  })

  it('leaves no lock behind after EXPLAIN, describe or a write that gave up on a busy lock', async () => {
    // A short busy timeout makes a leaked lock fail fast instead of after the default 5 s.
    const quick = await startLocalLibsqlServer({ dataDir, busyTimeoutMs: 300 })
    try {
      const q = (body: unknown) => post('/binhan-p82/v2/pipeline', body, {}, quick.url)
      const db = web({ url: quick.url })
      await db.execute('CREATE TABLE lock_t (v TEXT)')

      // EXPLAIN programs never halt by themselves; one left running would keep the read lock after ROLLBACK.
      const explained = await q({
        requests: [
          { type: 'execute', stmt: { sql: 'EXPLAIN SELECT v FROM lock_t' } },
          { type: 'describe', sql: 'INSERT INTO lock_t VALUES (?)' },
          { type: 'execute', stmt: { sql: 'BEGIN' } },
          { type: 'execute', stmt: { sql: "INSERT INTO lock_t VALUES ('rolled back')" } },
          { type: 'execute', stmt: { sql: 'ROLLBACK' } },
        ],
      })
      expect(explained.body.results.map((r: { type: string }) => r.type)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok'])
      expect(explained.body.results[0].response.result.rows.length).toBeGreaterThan(0)
      await db.execute("INSERT INTO lock_t VALUES ('other stream')")

      // Stream B reads in a deferred transaction, then its write gives up while A holds the write lock.
      const a = await db.transaction('write')
      await a.execute("INSERT INTO lock_t VALUES ('a')")
      const b = await q({
        requests: [
          { type: 'execute', stmt: { sql: 'BEGIN' } },
          { type: 'execute', stmt: { sql: 'SELECT count(*) FROM lock_t' } },
          { type: 'execute', stmt: { sql: "INSERT INTO lock_t VALUES ('b')" } },
        ],
      })
      expect(b.body.results[2]).toMatchObject({ type: 'error', error: { code: 'SQLITE_BUSY' } })
      const bDone = await q({ baton: b.body.baton, requests: [{ type: 'execute', stmt: { sql: 'ROLLBACK' } }] })
      expect(bDone.body.results[0].type).toBe('ok')
      // Had B's busy INSERT stayed "in progress", B would still hold its read lock and this COMMIT would fail.
      await a.commit()
      const rows = await db.execute('SELECT v FROM lock_t ORDER BY rowid')
      expect(rows.rows.map((r) => r.v)).toEqual(['other stream', 'a'])
      await q({ baton: bDone.body.baton, requests: [{ type: 'close' }] })
      await q({ baton: explained.body.baton, requests: [{ type: 'close' }] })
    } finally {
      await quick.close()
    }
  })

  it('answers routes: health, index, v3-protobuf 404, bad names 404, unknown database 404 without creating it', async () => {
    expect((await fetch(`${server.url}/health`)).status).toBe(200)
    expect((await fetch(`${server.url}/binhan-p82/v2`)).status).toBe(200)
    expect((await fetch(`${server.url}/binhan-p82/v3-protobuf`)).status).toBe(404)
    expect((await fetch(`${server.url}/binhan-p82/v2/pipeline`)).status).toBe(405)
    for (const bad of ['/Binhan-P82/v2/pipeline', '/binhan_p82/v2/pipeline', '/..%2Fcontrol/v2/pipeline']) {
      const reply = await post(bad, { requests: [] })
      expect(reply.status, bad).toBe(404)
    }

    const missing = await post('/binhan-p99/v2/pipeline', { requests: [{ type: 'execute', stmt: { sql: 'SELECT 1' } }] })
    expect(missing.status).toBe(404)
    expect(missing.contentType).toBe('application/json')
    const err = await rejection(web({ path: 'binhan-p99' }).execute('CREATE TABLE x (y)'))
    expect(err.code).toBe('NAMESPACE_DOESNT_EXIST')
    expect(existsSync(join(dataDir, 'tenants', 'binhan-p99.db'))).toBe(false)
  })

  it('rejects malformed pipelines and bodies over 10 MiB', async () => {
    expect((await post('/binhan-p82/v2/pipeline', '{not json')).status).toBe(400)
    expect((await post('/binhan-p82/v2/pipeline', { requests: 'nope' })).status).toBe(400)
    const bad = await post('/binhan-p82/v2/pipeline', { requests: [{ type: 'execute', stmt: { sql: 'SELECT ?', args: [{ type: 'integer', value: '1.5' }] } }] })
    expect(bad.status).toBe(400)
    const huge = await post('/binhan-p82/v2/pipeline', { requests: [], padding: 'x'.repeat(11 * 1024 * 1024) })
    expect(huge.status).toBe(413)
    expect(huge.body.code).toBe('REQUEST_TOO_LARGE')
  })
})

describe('local libSQL server: lifecycle and auth', () => {
  it('requires the bearer token when one is configured', async () => {
    const secured = await startLocalLibsqlServer({ dataDir, authToken: 'dev-secret' })
    try {
      const none = await post('/binhan-p82/v2/pipeline', { requests: [] }, {}, secured.url)
      expect(none.status).toBe(401)
      expect(none.contentType).toBe('application/json')
      const wrong = await post('/binhan-p82/v2/pipeline', { requests: [] }, { authorization: 'Bearer nope' }, secured.url)
      expect(wrong.status).toBe(401)
      // Without the token nothing is revealed, not even whether the database exists.
      expect((await post('/binhan-p99/v2/pipeline', { requests: [] }, {}, secured.url)).status).toBe(401)

      const anonymous = await rejection(web({ url: secured.url }).execute('SELECT 1'))
      expect(anonymous.code).toBe('UNAUTHORIZED')
      const rs = await web({ url: secured.url, authToken: 'dev-secret' }).execute('SELECT label FROM seed')
      expect(rs.rows[0]?.label).toBe('tenant')
      expect((await fetch(`${secured.url}/health`)).status).toBe(200)
    } finally {
      await secured.close()
    }
  })

  it('expires idle streams: their transaction is rolled back and the baton stops working', async () => {
    const short = await startLocalLibsqlServer({ dataDir, streamIdleTimeoutMs: 150 })
    try {
      const db = web({ url: short.url })
      await db.execute('CREATE TABLE idle_t (v TEXT)')
      const tx = await db.transaction('write')
      await tx.execute("INSERT INTO idle_t VALUES ('never committed')")
      await sleep(600)
      const err = await rejection(tx.commit())
      expect(err.code).toBe('STREAM_EXPIRED')
      expect(await count(db, 'idle_t')).toBe(0n)
      await db.execute("INSERT INTO idle_t VALUES ('after')")
      expect(await count(db, 'idle_t')).toBe(1n)
    } finally {
      await short.close()
    }
  })

  it('close() ends cleanly, rolling back open transactions and releasing the file', async () => {
    const temp = await startLocalLibsqlServer({ dataDir })
    const db = web({ url: temp.url })
    await db.execute('CREATE TABLE close_t (v TEXT)')
    const tx = await db.transaction('write')
    await tx.execute("INSERT INTO close_t VALUES ('open at close')")
    // A second stream is still waiting for the write lock, inside its own read transaction, when close() runs.
    const waiting = post(
      '/binhan-p82/v2/pipeline',
      {
        requests: [
          { type: 'execute', stmt: { sql: 'BEGIN' } },
          { type: 'execute', stmt: { sql: 'SELECT count(*) FROM close_t' } },
          { type: 'execute', stmt: { sql: "INSERT INTO close_t VALUES ('waiting at close')" } },
        ],
      },
      {},
      temp.url,
    ).catch((err: unknown) => err)
    await sleep(100)
    await temp.close()
    await temp.close() // idempotent
    expect(await waiting).toBeInstanceOf(Error)
    await expect(fetch(`${temp.url}/health`)).rejects.toThrow()
    // Every lock died with the server: a file: client can write at once.
    const local = fileClient(tenantFile())
    await local.execute("INSERT INTO close_t VALUES ('after close')")
    const rows = await local.execute('SELECT v FROM close_t')
    expect(rows.rows.map((r) => r.v)).toEqual(['after close'])
  })
})

describe('statement splitting and parameter numbering', () => {
  it('numbers parameters like SQLite', () => {
    const [stmt] = splitStatements('SELECT ?, :a, ?5, @b, :a, $c::d(x), ?, ?2 FROM t')
    expect(stmt?.params).toEqual([null, ':a', null, null, '?5', '@b', '$c::d(x)', null])
  })

  it('ignores separators and parameters inside literals, identifiers and comments', () => {
    const stmts = splitStatements(`SELECT ';?', "a;:b", [c;@d], \`e;$f\` -- ; :g\n; /* ; ?h */ SELECT x'3b', :real;;`)
    expect(stmts.map((s) => s.params)).toEqual([[], [':real']])
    expect(stmts).toHaveLength(2)
  })

  it('keeps trigger bodies together and notices EXPLAIN', () => {
    const stmts = splitStatements('CREATE TEMP TRIGGER tr AFTER INSERT ON t BEGIN SELECT CASE WHEN 1 THEN 2 END; DELETE FROM u; END; EXPLAIN SELECT 1')
    expect(stmts).toHaveLength(2)
    expect(stmts[0]?.sql.endsWith('END')).toBe(true)
    expect(stmts[1]).toMatchObject({ isExplain: true, firstWord: 'EXPLAIN' })
    expect(splitStatements(' ; -- nothing\n ; /* */ ')).toEqual([])
  })
})
