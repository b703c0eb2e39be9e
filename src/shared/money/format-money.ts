/**
 * Money as people read it: the currency's ISO 4217 minor-unit digits (minor-units.ts) and the
 * locale's way of writing an amount (Intl). Free of zod, so every view can use it.
 */
import { minorDigits } from './minor-units'
import type { Money } from './money'

export { minorDigits } from './minor-units'

// Building a NumberFormat is costly and every list row formats an amount; the key space is small.
const formats = new Map<string, Intl.NumberFormat>()

function currencyFormat(currency: string, locale: string | undefined): Intl.NumberFormat {
  const key = `${locale ?? ''}/${currency}`
  let format = formats.get(key)
  if (format === undefined) {
    // The standard's digits, not the locale's: the wire counts ISO 4217 minor units, and every
    // one of them is shown.
    const digits = minorDigits(currency)
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    })
    if (formats.size < 200) formats.set(key, format)
  }
  return format
}

/** What an amount that is not a whole number of minor units Intl can write exactly reads as. */
export const UNKNOWN_AMOUNT = 'an unknown amount'

/**
 * "$12.50", "12,50 €", "¥1,250": the amount as the locale writes it in its currency; UNKNOWN_AMOUNT
 * for NaN, an infinity or an amount past 2^53, never "$NaN" or a figure a cent off.
 */
export function formatMoney(money: Money, locale?: string): string {
  if (!Number.isSafeInteger(Math.trunc(money.amountMinor))) return UNKNOWN_AMOUNT
  return currencyFormat(money.currency, locale).format(
    decimalText(money.amountMinor, minorDigits(money.currency)),
  )
}

/**
 * The amount as an exact decimal string ("-1234.50"): Intl formats a string without passing it
 * through a float, so no amount is ever shown a cent off.
 */
export function decimalText(amountMinor: number, digits: number): `${number}` {
  const minor = Math.trunc(amountMinor)
  // From the whole minor units: a fraction of a cent below zero is no amount, not "-$0.00".
  const sign = minor < 0 ? '-' : ''
  const whole = String(Math.abs(minor))
  if (digits === 0) return `${sign}${whole}` as `${number}`
  const padded = whole.padStart(digits + 1, '0')
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}` as `${number}`
}
