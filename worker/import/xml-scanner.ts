// A forward-only scanner over the tags of SpreadsheetML parts (read-xlsx.ts): no XML library in the Worker.
// ---------------------------------------------------------------------------------------- XML scanning

export const [OPEN, CLOSE, CDATA, OTHER] = [1, 2, 3, 4] as const
// '>' is legal inside attribute values, so a tag ends at the first '>' outside quotes.
const TAG_END = /[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>/y

/**
 * A forward-only scanner over tags: enough for SpreadsheetML, which has no DTDs and no mixed content we need.
 * Names are local (a prefix such as "x:" is dropped); the text between two tags is `gap()`.
 */
export class XmlCursor {
  kind: number = OTHER
  name = ''
  isSelfClosing = false
  cdata = ''
  private gapStart = 0
  private tagStart = 0
  private pos = 0
  // Attributes are sliced only when asked for: most tags (</c>, <v>, <is>) never are.
  private attrStart = 0
  private attrEnd = 0
  private readonly xml: string
  constructor(xml: string) {
    this.xml = xml
  }

  get attrs(): string {
    return this.xml.slice(this.attrStart, this.attrEnd)
  }

  gap(): string {
    return this.xml.slice(this.gapStart, this.tagStart)
  }

  next(): boolean {
    const xml = this.xml
    this.gapStart = this.pos
    const lt = xml.indexOf('<', this.pos)
    if (lt < 0) {
      this.tagStart = this.pos = xml.length
      return false
    }
    this.tagStart = lt
    if (xml.startsWith('<![CDATA[', lt)) return this.skipTo(']]>', lt + 9, CDATA)
    if (xml.startsWith('<!--', lt)) return this.skipTo('-->', lt + 4, OTHER)
    if (xml.startsWith('<?', lt)) return this.skipTo('?>', lt + 2, OTHER)
    if (xml.startsWith('<!', lt)) return this.skipTo('>', lt + 2, OTHER)
    TAG_END.lastIndex = lt + 1
    const end = TAG_END.test(xml) ? TAG_END.lastIndex - 1 : xml.length
    const isClose = xml.charCodeAt(lt + 1) === 0x2f
    this.isSelfClosing = !isClose && xml.charCodeAt(end - 1) === 0x2f
    let nameStart = isClose ? lt + 2 : lt + 1
    let nameEnd = nameStart
    for (let c = xml.charCodeAt(nameEnd); nameEnd < end && c > 0x20 && c !== 0x2f; c = xml.charCodeAt(++nameEnd)) {
      if (c === 0x3a) nameStart = nameEnd + 1 // drop the namespace prefix
    }
    this.name = xml.slice(nameStart, nameEnd)
    this.attrStart = nameEnd
    this.attrEnd = isClose ? nameEnd : this.isSelfClosing ? end - 1 : end
    this.kind = isClose ? CLOSE : OPEN
    this.pos = Math.min(end + 1, xml.length)
    return true
  }

  private skipTo(terminator: string, from: number, kind: number): boolean {
    const end = this.xml.indexOf(terminator, from)
    const stop = end < 0 ? this.xml.length : end
    this.cdata = kind === CDATA ? this.xml.slice(from, stop) : ''
    this.kind = kind
    this.attrEnd = this.attrStart
    this.isSelfClosing = false
    this.pos = end < 0 ? this.xml.length : end + terminator.length
    return true
  }
}

/** The text of the element just opened, through its end tag. Without xml:space="preserve", Excel trims it. */
export function readText(cur: XmlCursor, isPreserved: boolean): string {
  let text = ''
  for (let depth = 0; cur.next(); ) {
    text += decodeEntities(cur.gap())
    if (cur.kind === CDATA) text += cur.cdata
    else if (cur.kind === OPEN && !cur.isSelfClosing) depth++
    else if (cur.kind === CLOSE && depth-- === 0) break
  }
  return isPreserved ? text : text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '')
}

/** <si> or <is>: the <t> texts concatenated, phonetic runs left out; reads through the element's end tag. */
export function readRichText(cur: XmlCursor): string {
  let text = ''
  for (let depth = 0, phonetic = 0; cur.next(); ) {
    if (cur.kind === OPEN && !cur.isSelfClosing) {
      if (cur.name === 't') {
        const piece = readText(cur, attr(cur.attrs, SPACE_ATTR) === 'preserve')
        if (phonetic === 0) text += piece
        continue
      }
      if (cur.name === 'rPh') phonetic++
      depth++
    } else if (cur.kind === CLOSE) {
      if (depth-- === 0) break
      if (cur.name === 'rPh') phonetic--
    }
  }
  return unescapeExcel(text)
}

const attrPattern = (name: string) => new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)
export const R_ATTR = attrPattern('r')
export const T_ATTR = attrPattern('t')
const SPACE_ATTR = attrPattern('xml:space')
export const NAME_ATTR = attrPattern('name')
export const STATE_ATTR = attrPattern('state')
export const ID_ATTR = attrPattern('Id')
export const TYPE_ATTR = attrPattern('Type')
export const TARGET_ATTR = attrPattern('Target')
export const TARGET_MODE_ATTR = attrPattern('TargetMode')
// The sheet's relationship id is r:id under whatever prefix the writer bound to the relationships namespace.
export const REL_ID_ATTR = attrPattern('[\\w.-]+:id')

export function attr(attrs: string, pattern: RegExp): string | null {
  const match = pattern.exec(attrs)
  return match ? decodeEntities(match[1] ?? match[2] ?? '') : null
}

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(ENTITY, (whole: string, decimal?: string, hex?: string, named?: string) => {
    if (named) return NAMED_ENTITIES[named] ?? whole
    const code = decimal ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16)
    return code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole
  })
}

// Excel writes characters XML cannot carry as _xHHHH_ (a line break inside a cell: _x000D_), and a literal
// "_x" sequence as _x005F_x…, so decoding all of them is lossless for Excel's files.
const EXCEL_ESCAPE = /_x([0-9A-Fa-f]{4})_/g
export function unescapeExcel(text: string): string {
  return text.includes('_x') ? text.replace(EXCEL_ESCAPE, (_: string, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : text
}
