/** Creating experts and clients: used by seeding, the simulator, tests and benches. */
import { z } from 'zod'
import { Price } from '../../../src/shared/money/money'
import {
  Availability,
  EmailAddress,
  Entered,
  Id,
  PersonName,
  Tag,
  TimeZone,
} from '../../../src/shared/protocol'
import { newId } from '../ids'
import type { MarketplaceContext } from './context'
import { parseInput } from './parse-input'

/** A new expert account. `passwordHash` comes from auth's hashPassword. */
export const NewExpert = z.object({
  id: Id.optional(),
  name: Entered(PersonName, 'The name'),
  email: EmailAddress,
  passwordHash: z.string().min(1),
  timeZone: TimeZone,
  availability: Availability.default('online'),
  tags: z.array(Entered(Tag, 'A tag')).max(50).default([]),
  rating: z.number().min(1).max(5).nullable().default(null),
  /** The price of a quarter hour; the platform's default rate when not given. */
  rate: Price.optional(),
})
/** A new expert account. */
export type NewExpert = z.input<typeof NewExpert>

/** Store a new expert; returns its id. */
export function createExpert(ctx: MarketplaceContext, input: NewExpert): string {
  const expert = parseInput(NewExpert, input, 'expert')
  const id = expert.id ?? newId('exp')
  const rate = expert.rate ?? ctx.config.defaultRate
  ctx
    .sql(
      `INSERT INTO experts (id, name, email, password_hash, time_zone, availability, tags, rating,
         rate_minor, rate_currency) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      expert.name,
      expert.email,
      expert.passwordHash,
      expert.timeZone,
      expert.availability,
      JSON.stringify(expert.tags),
      expert.rating,
      rate.amountMinor,
      rate.currency,
    )
  const tag = ctx.sql('INSERT OR IGNORE INTO expert_tags (tag, expert_id) VALUES (?, ?)')
  for (const t of expert.tags) tag.run(t, id)
  return id
}

/** A new client. */
export const NewClient = z.object({
  id: Id.optional(),
  name: Entered(PersonName, 'The name'),
  timeZone: TimeZone,
})
/** A new client. */
export type NewClient = z.input<typeof NewClient>

/** Store a new client; returns its id. */
export function createClient(ctx: MarketplaceContext, input: NewClient): string {
  const client = parseInput(NewClient, input, 'client')
  const id = client.id ?? newId('cli')
  ctx.sql('INSERT INTO clients (id, name, time_zone) VALUES (?, ?, ?)').run(id, client.name, client.timeZone)
  return id
}
