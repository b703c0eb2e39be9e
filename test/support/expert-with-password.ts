/**
 * An expert on a test platform who signs in with a known password, as the sign-in tests type it:
 * one place for the account every such test makes, London time unless told otherwise.
 */
import { hashPassword } from '../../server/src/auth'
import type { NewExpert } from '../../server/src/marketplace/accounts'
import type { Marketplace } from '../../server/src/marketplace/marketplace'

/** The password every expert made here signs in with. */
export const RIGHT_PASSWORD = 'right'

/** Adds an expert who signs in with `RIGHT_PASSWORD`; returns their id. */
export async function addExpert(
  marketplace: Pick<Marketplace, 'createExpert'>,
  who: Omit<NewExpert, 'passwordHash' | 'timeZone'> & { timeZone?: string },
): Promise<string> {
  return marketplace.createExpert({
    timeZone: 'Europe/London',
    ...who,
    passwordHash: await hashPassword(RIGHT_PASSWORD),
  })
}
