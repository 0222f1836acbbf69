import { addMonths } from '../calendar.ts'

/** Post-rehab management lasts 12 months from the completion certificate (Law 2021 art. 40). */
export const POST_REHAB_MONTHS = 12

/**
 * The last day of post-rehab management that starts on `startOn` (a calendar day). Shared by the server and the
 * offline client, which shows a completion queued on the phone with the very dates the server will store.
 */
export function postRehabEndOn(startOn: string, months: number = POST_REHAB_MONTHS): string {
  return addMonths(startOn, months)
}

/** Support given: a preferential loan is recorded with its amount, and only a loan has one. */
export const LOAN_AMOUNT_RULE = 'is given for a preferential loan, and only for one'
export function loanAmountMatches(support: { kind: string; amountVnd?: number | null | undefined }): boolean {
  return (support.kind === 'preferential_loan') === (support.amountVnd !== undefined && support.amountVnd !== null)
}
