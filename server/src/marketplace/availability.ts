/** The expert's availability: online (optionally until a time), away, busy or offline. */
import type { CommandPayload, CommandResult } from '../../../src/shared/protocol'
import { ONLINE_UNTIL_WINDOW, outsideWindow } from '../../../src/shared/rules/time-windows'
import { PlatformError } from '../platform-error'
import type { MarketplaceContext } from './context'

/** Set the expert's availability; "online until" switches them to away when it passes. */
export function setAvailability(
  ctx: MarketplaceContext,
  expertId: string,
  { availability, onlineUntil }: CommandPayload<'availability.set'>,
): CommandResult<'availability.set'> {
  if (onlineUntil !== null && availability !== 'online') {
    throw new PlatformError('invalid_payload', '"Online until" applies only when going online.')
  }
  const now = ctx.clock.now()
  if (onlineUntil !== null && onlineUntil <= now) {
    throw new PlatformError('invalid_payload', '"Online until" must be in the future.')
  }
  const tooFar = onlineUntil === null ? null : outsideWindow(onlineUntil, now, ONLINE_UNTIL_WINDOW)
  if (tooFar !== null) throw new PlatformError('invalid_payload', tooFar)
  return ctx.events.transact(() => {
    ctx
      .sql('UPDATE experts SET availability = ?, online_until = ? WHERE id = ?')
      .run(availability, onlineUntil, expertId)
    ctx.events.append(expertId, 'expert.updated', { expert: ctx.store.expert(expertId) })
    return { availability, onlineUntil }
  })
}

/** Switch experts whose "online until" has passed to away. */
export function endOnlineUntil(ctx: MarketplaceContext): number {
  const due = ctx
    .sql<[number], { id: string }>(
      `SELECT id FROM experts WHERE availability = 'online' AND online_until IS NOT NULL AND online_until <= ?`,
    )
    .all(ctx.clock.now())
  for (const { id } of due) {
    ctx.events.transact(() => {
      ctx.sql(`UPDATE experts SET availability = 'away', online_until = NULL WHERE id = ?`).run(id)
      ctx.events.append(id, 'expert.updated', { expert: ctx.store.expert(id) })
    })
  }
  return due.length
}
