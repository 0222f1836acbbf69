/**
 * Phone numbers as officers write them, one rule for the registration form (POST /persons, the phone's offline
 * check) and the legacy import: spaces, dots, dashes and brackets between groups are dropped ("0912 345 678",
 * "0912.345.678", "(+84) 912-345-678"), and a number typed into Excel as a number, which lost its leading 0
 * (0912… became 912…), gets it back. What is left must be +84 or 0 and 9–10 digits.
 */
export const PHONE_PATTERN = /^(\+84|0)\d{9,10}$/
export const PHONE_MESSAGE = 'must be a Vietnamese phone number such as 0912345678'

export function normalizePhone(value: string | number): string {
  if (typeof value === 'number') {
    const digits = String(value)
    return Number.isInteger(value) && value > 0 && (digits.length === 9 || digits.length === 10) ? `0${digits}` : digits
  }
  return value.trim().replace(/[\s.()-]/g, '')
}

export function isPhone(text: string): boolean {
  return PHONE_PATTERN.test(text)
}
