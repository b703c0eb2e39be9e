/** Demo accounts for development, demos and tests. Documented in README.md; safe to run twice. */
import { hashPassword } from './auth'
import type { Marketplace } from './marketplace/marketplace'

/** The password of every demo expert. */
export const DEMO_PASSWORD = 'standby-demo'

/** The demo experts, each with skills the simulator's requests match. */
export const DEMO_EXPERTS = [
  {
    id: 'exp_ada',
    name: 'Ada Byron',
    email: 'ada@standby.test',
    timeZone: 'Europe/London',
    tags: ['javascript', 'typescript', 'react', 'node'],
    rating: 4.9,
    rate: { amountMinor: 3_000, currency: 'GBP' },
  },
  {
    id: 'exp_grace',
    name: 'Grace Brewster',
    email: 'grace@standby.test',
    timeZone: 'America/New_York',
    tags: ['python', 'sql', 'data', 'node'],
    rating: 4.8,
    rate: { amountMinor: 2_500, currency: 'USD' },
  },
  {
    id: 'exp_linus',
    name: 'Linus Berg',
    email: 'linus@standby.test',
    timeZone: 'Europe/Helsinki',
    tags: ['linux', 'devops', 'docker', 'python'],
    rating: 4.7,
    rate: { amountMinor: 2_000, currency: 'EUR' },
  },
  {
    id: 'exp_margaret',
    name: 'Margaret Hale',
    email: 'margaret@standby.test',
    timeZone: 'America/Los_Angeles',
    tags: ['react', 'css', 'javascript', 'design'],
    rating: 4.6,
    rate: { amountMinor: 2_200, currency: 'USD' },
  },
] as const

/** The demo clients the simulator posts requests as. */
export const DEMO_CLIENTS = [
  { id: 'cli_sam', name: 'Sam Ortiz', timeZone: 'America/Chicago' },
  { id: 'cli_priya', name: 'Priya Nair', timeZone: 'Asia/Kolkata' },
  { id: 'cli_jonas', name: 'Jonas Weber', timeZone: 'Europe/Berlin' },
  { id: 'cli_mei', name: 'Mei Tanaka', timeZone: 'Asia/Tokyo' },
  { id: 'cli_olu', name: 'Olu Adeyemi', timeZone: 'Africa/Lagos' },
] as const

/** Add the demo experts and clients that are not there yet. Returns how many were added. */
export async function seedDemoAccounts(marketplace: Marketplace): Promise<number> {
  let added = 0
  const hash = await hashPassword(DEMO_PASSWORD)
  for (const expert of DEMO_EXPERTS) {
    if (marketplace.store.expertRow(expert.id) !== undefined) continue
    marketplace.createExpert({
      ...expert,
      tags: [...expert.tags],
      passwordHash: hash,
      availability: 'online',
    })
    added++
  }
  for (const client of DEMO_CLIENTS) {
    if (marketplace.db.prepare('SELECT 1 FROM clients WHERE id = ?').get(client.id) !== undefined) continue
    marketplace.createClient(client)
    added++
  }
  return added
}
