/**
 * Money as it crosses the wire: a whole number of the currency's minor units (cents, yen, fils)
 * and an ISO 4217 code, never a float. Formatting is left to Intl, which knows each currency's
 * minor-unit digits and the locale's way of writing an amount.
 */
import { z } from 'zod'

/**
 * The largest amount, in minor units, either way: far beyond any session's earnings, and small
 * enough that a rule multiplying it by a percent stays a safe integer.
 */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000

/** An ISO 4217 currency code such as "USD". */
export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, { message: 'A currency is three capital letters (ISO 4217)' })

/** A whole number of minor units, either way, inside the protocol's range. */
export const AmountMinor = z.number().int().min(-MAX_AMOUNT_MINOR).max(MAX_AMOUNT_MINOR)

/** An amount of money in whole minor units; negative when it is paid rather than earned. */
export const Money = z.object({ amountMinor: AmountMinor, currency: CurrencyCode })
/** An amount of money in whole minor units; negative when it is paid rather than earned. */
export type Money = z.infer<typeof Money>

/** A price: money that is never negative, such as an expert's rate. */
export const Price = Money.extend({ amountMinor: z.number().int().min(0).max(MAX_AMOUNT_MINOR) })
/** A price: money that is never negative. */
export type Price = z.infer<typeof Price>

/** `amount` kept inside the protocol's range, so a sum or a product never leaves it. */
export function clampMinor(amount: number): number {
  if (Number.isNaN(amount)) return 0
  return Math.round(Math.min(MAX_AMOUNT_MINOR, Math.max(-MAX_AMOUNT_MINOR, amount)))
}

// Building a NumberFormat is costly and every list row formats an amount; the key space is small.
const formats = new Map<string, Intl.NumberFormat>()

function currencyFormat(currency: string, locale: string | undefined): Intl.NumberFormat {
  const key = `${locale ?? ''}/${currency}`
  let format = formats.get(key)
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency })
    if (formats.size < 200) formats.set(key, format)
  }
  return format
}

/** How many minor-unit digits the currency has (JPY none, USD two, BHD three), as Intl knows it. */
export function minorDigits(currency: string): number {
  return currencyFormat(currency, 'en').resolvedOptions().maximumFractionDigits ?? 2
}

/** "$12.50", "12,50 €", "¥1,250": the amount as the locale writes it in its currency. */
export function formatMoney(money: Money, locale?: string): string {
  return currencyFormat(money.currency, locale).format(
    decimalText(money.amountMinor, minorDigits(money.currency)),
  )
}

/**
 * The amount as an exact decimal string ("-1234.50"): Intl formats a string without passing it
 * through a float, so no amount is ever shown a cent off.
 */
export function decimalText(amountMinor: number, digits: number): `${number}` {
  const sign = amountMinor < 0 ? '-' : ''
  const whole = String(Math.abs(Math.trunc(amountMinor)))
  if (digits === 0) return `${sign}${whole}` as `${number}`
  const padded = whole.padStart(digits + 1, '0')
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}` as `${number}`
}
