/** The figures of one commune or of the whole scope (DOMAIN.md §7), as the report screen shows them. */
export interface ReportFigures {
  people: { total: number }
  newRegistrations: number
  plansStarted: number
  plansCompleted: number
  plansTerminated: number
  relapses: number
  underPostRehab: number
  reviewsDone: number
  reviewsOverdueNow: number
  employed: { share: number | null }
}

export interface Report {
  period: { label: string; from: string; to: string }
  total: ReportFigures
  byCommune: (ReportFigures & { code: string; name: string })[]
}
