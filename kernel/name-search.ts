/**
 * Whether a folded name (foldDiacritics) matches a folded name query: the query starts the name or, from two
 * letters on, any later word of it ("ngoc anh" matches "nguyen thi ngoc anh"; "an" matches "hoang anh", not
 * "lan"). The server's search (worker/repo/person-list.ts, with its trigram index) and the phone's offline
 * search both answer this, so a search finds the same people on and off line (decision 0030).
 */
export function nameMatches(nameKey: string, query: string): boolean {
  if (query === '') return true
  return nameKey.startsWith(query) || (query.length >= 2 && nameKey.includes(` ${query}`))
}
