/**
 * Just enough of SQLite's tokenizer to split SQL text into statements and to number its parameters.
 *
 * Why this exists: the `libsql` binding silently compiles only the FIRST statement of a string (sqld answers
 * SQL_MANY_STATEMENTS), and binding arguments by name panics inside the native module (aborting the whole
 * process) when a statement also has an anonymous `?`. Knowing the statements and the parameter numbering
 * ourselves lets every statement be prepared on its own and every argument be bound by position.
 */

export interface SqlStatement {
  sql: string
  /** Parameter i+1's name as SQLite reports it (`:a`, `@a`, `$a`, `?3`), or null for an anonymous `?`. */
  params: (string | null)[]
  isExplain: boolean
  /** Upper-cased first keyword, '' when the statement starts with something else. */
  firstWord: string
}

// SQLITE_MAX_VARIABLE_NUMBER's default; larger `?NNN` fail in prepare, so they never need numbering here.
const MAX_VARIABLE_NUMBER = 32766

type Token = { kind: 'semi' } | { kind: 'word'; text: string } | { kind: 'param'; text: string } | { kind: 'other' }

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\f' || c === '\r'
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9'
function isIdChar(c: string | undefined): boolean {
  if (c === undefined) return false
  return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === '$' || c.charCodeAt(0) >= 0x80
}
const isIdStart = (c: string | undefined) => isIdChar(c) && !isDigit(c) && c !== '$'

/** Yields tokens with their start/end offsets; whitespace and comments are skipped. */
function* tokenize(sql: string): Generator<{ token: Token; start: number; end: number }> {
  let i = 0
  const n = sql.length
  while (i < n) {
    const c = sql[i]
    const start = i
    if (isSpace(c)) {
      i++
      continue
    }
    if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i)
      i = nl === -1 ? n : nl + 1
      continue
    }
    if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2)
      i = close === -1 ? n : close + 2
      continue
    }
    let token: Token
    if (c === "'" || c === '"' || c === '`') {
      // A doubled quote is an escaped quote; the loop handles it by re-entering on the second one.
      i++
      for (;;) {
        const close = sql.indexOf(c, i)
        if (close === -1) {
          i = n
          break
        }
        i = close + 1
        if (sql[i] !== c) break
        i++
      }
      token = { kind: 'other' }
    } else if (c === '[') {
      const close = sql.indexOf(']', i)
      i = close === -1 ? n : close + 1
      token = { kind: 'other' }
    } else if (c === ';') {
      i++
      token = { kind: 'semi' }
    } else if (c === '?') {
      i++
      while (isDigit(sql[i])) i++
      token = { kind: 'param', text: sql.slice(start, i) }
    } else if (c === ':' || c === '@' || c === '$' || c === '#') {
      // Mirrors tokenize.c's CC_VARALPHA branch, including the TCL-style `$a::b` and `$a(x)` forms.
      let nameChars = 0
      i++
      while (i < n) {
        const d = sql[i]
        if (isIdChar(d)) {
          nameChars++
          i++
        } else if (d === '(' && nameChars > 0) {
          while (i < n && !isSpace(sql[i]) && sql[i] !== ')') i++
          if (sql[i] === ')') i++
          break
        } else if (d === ':' && sql[i + 1] === ':') {
          i += 2
        } else {
          break
        }
      }
      token = nameChars > 0 ? { kind: 'param', text: sql.slice(start, i) } : { kind: 'other' }
    } else if (isDigit(c) || (c === '.' && isDigit(sql[i + 1]))) {
      i++
      while (i < n) {
        const d = sql[i]
        if (isIdChar(d) || d === '.') i++
        else if ((d === '+' || d === '-') && (sql[i - 1] === 'e' || sql[i - 1] === 'E')) i++
        else break
      }
      token = { kind: 'other' }
    } else if (isIdStart(c)) {
      i++
      while (isIdChar(sql[i])) i++
      token = { kind: 'word', text: sql.slice(start, i).toUpperCase() }
    } else {
      i++
      token = { kind: 'other' }
    }
    yield { token, start, end: i }
  }
}

class StatementBuilder {
  start = -1
  end = -1
  words: string[] = []
  leadingWords = true
  params: (string | null)[] = []
  names = new Map<string, number>()
  trigger: 'no' | 'head' | 'body' | 'done' = 'no'
  caseDepth = 0

  add(token: Token, start: number, end: number): void {
    if (this.start === -1) this.start = start
    this.end = end
    if (token.kind === 'word') this.addWord(token.text)
    else this.leadingWords = false
    if (token.kind === 'param') this.addParam(token.text)
  }

  /** A `;` inside a trigger body belongs to the CREATE TRIGGER statement. */
  get inTriggerBody(): boolean {
    return this.trigger === 'body'
  }

  private addWord(word: string): void {
    if (this.leadingWords && this.words.length < 6) {
      this.words.push(word)
      const head = this.words[0] === 'EXPLAIN' ? this.words.slice(this.words[1] === 'QUERY' ? 3 : 1) : this.words
      const isTrigger = head[0] === 'CREATE' && (head[1] === 'TRIGGER' || ((head[1] === 'TEMP' || head[1] === 'TEMPORARY') && head[2] === 'TRIGGER'))
      if (isTrigger && this.trigger === 'no') this.trigger = 'head'
    }
    if (this.trigger === 'head' && word === 'BEGIN') {
      this.trigger = 'body'
    } else if (this.trigger === 'body') {
      // CASE … END may appear inside trigger statements; only an unmatched END closes the body.
      if (word === 'CASE') this.caseDepth++
      else if (word === 'END') {
        if (this.caseDepth > 0) this.caseDepth--
        else this.trigger = 'done'
      }
    }
  }

  // Same numbering as sqlite3ExprAssignVarNumber(), so position i here is bind index i+1 in SQLite.
  private addParam(text: string): void {
    if (text === '?') {
      this.params.push(null)
      return
    }
    if (text.startsWith('?')) {
      const index = Number(text.slice(1))
      if (!Number.isInteger(index) || index < 1 || index > MAX_VARIABLE_NUMBER) return
      while (this.params.length < index) this.params.push(null)
      if (this.params[index - 1] === null) this.params[index - 1] = text
      return
    }
    if (this.names.has(text)) return
    this.params.push(text)
    this.names.set(text, this.params.length)
  }

  build(sql: string): SqlStatement | undefined {
    if (this.start === -1) return undefined
    const first = this.words[0] ?? ''
    return { sql: sql.slice(this.start, this.end), params: this.params, isExplain: first === 'EXPLAIN', firstWord: first }
  }
}

/** Splits SQL text into statements; empty statements (only `;`, whitespace or comments) are dropped. */
export function splitStatements(sql: string): SqlStatement[] {
  const out: SqlStatement[] = []
  let current = new StatementBuilder()
  for (const { token, start, end } of tokenize(sql)) {
    if (token.kind === 'semi' && !current.inTriggerBody) {
      const stmt = current.build(sql)
      if (stmt) out.push(stmt)
      current = new StatementBuilder()
      continue
    }
    current.add(token, start, end)
  }
  const last = current.build(sql)
  if (last) out.push(last)
  return out
}
