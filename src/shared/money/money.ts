/**
 * Money as it crosses the wire: a whole number of the currency's minor units (cents, yen, fils)
 * and an ISO 4217 code, never a float. `format-money.ts` writes it for people.
 */
import { z } from 'zod'
import { MAX_AMOUNT_MINOR } from './amount'

export { MAX_AMOUNT_MINOR } from './amount'

/** An ISO 4217 currency code such as "USD". */
export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, { message: 'A currency is three capital letters (ISO 4217)' })
  // The same bound as the pattern, in a form the largest message size can read (message-size.ts).
  .length(3)

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
