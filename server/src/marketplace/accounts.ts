/** Creating experts and clients: used by seeding, the simulator, tests and benches. */
import { z } from 'zod'
import { Availability, TimeZone } from '../../../src/shared/protocol'
import { newId } from '../ids'
import type { MarketplaceContext } from './context'

/** A new expert account. `passwordHash` comes from auth's hashPassword. */
export const NewExpert = z.object({
  id: z.string().min(1).optional(),
  name: z.string().min(1),
  email: z.email(),
  passwordHash: z.string().min(1),
  timeZone: TimeZone,
  availability: Availability.default('online'),
  tags: z.array(z.string()).default([]),
  rating: z.number().min(1).max(5).nullable().default(null),
})
/** A new expert account. */
export type NewExpert = z.input<typeof NewExpert>

/** Store a new expert; returns its id. */
export function createExpert(ctx: MarketplaceContext, input: NewExpert): string {
  const expert = NewExpert.parse(input)
  const id = expert.id ?? newId('exp')
  ctx
    .sql(
      `INSERT INTO experts (id, name, email, password_hash, time_zone, availability, tags, rating)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
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
    )
  const tag = ctx.sql('INSERT OR IGNORE INTO expert_tags (tag, expert_id) VALUES (?, ?)')
  for (const t of expert.tags) tag.run(t, id)
  return id
}

/** Store a new client; returns its id. */
export function createClient(
  ctx: MarketplaceContext,
  input: { id?: string; name: string; timeZone: string },
): string {
  const id = input.id ?? newId('cli')
  TimeZone.parse(input.timeZone)
  ctx.sql('INSERT INTO clients (id, name, time_zone) VALUES (?, ?, ?)').run(id, input.name, input.timeZone)
  return id
}
