/**
 * The expert's availability: online (optionally until a time), away, busy or offline, and who set
 * it. The expert's own choice always stands; the rules that act for them (a live session sets busy,
 * the app reports the computer idle or locked, "online until" passes) remember what they replaced
 * and return to it when they end, but only while their own change is still the current one.
 */
import type { AutoAvailability, CommandPayload, CommandResult } from '../../../src/shared/protocol'
import { ONLINE_UNTIL_WINDOW, outsideWindow } from '../../../src/shared/rules/time-windows'
import { PlatformError } from '../platform-error'
import type { ExpertRow } from '../store/platform-store'
import type { MarketplaceContext } from './context'
import { writeEach } from './apply-each'

/**
 * Set the expert's availability as they chose it; a rule's earlier change is forgotten. The event
 * names the command's key, so the device that chose it can tell it from another device's choice.
 */
export function setAvailability(
  ctx: MarketplaceContext,
  expertId: string,
  { availability, onlineUntil }: CommandPayload<'availability.set'>,
  idempotencyKey?: string,
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
      .sql(
        `UPDATE experts SET availability = ?, online_until = ?, availability_cause = 'chosen', idle_minutes = NULL,
           resume_availability = NULL, resume_online_until = NULL, resume_cause = NULL WHERE id = ?`,
      )
      .run(availability, onlineUntil, expertId)
    ctx.events.append(expertId, 'expert.updated', { expert: ctx.store.expert(expertId), idempotencyKey })
    return { availability, onlineUntil }
  })
}

/**
 * The app's automatic change, decided here against the stored state in one transaction, so a
 * change the expert made on another device a moment before is never overridden.
 */
export function autoAvailability(
  ctx: MarketplaceContext,
  expertId: string,
  { change, idleMinutes }: CommandPayload<'availability.auto'>,
): CommandResult<'availability.auto'> {
  return ctx.events.transact(() => {
    const row = expertRowOf(ctx, expertId)
    const changed = change === 'back' ? comeBack(ctx, row) : goAway(ctx, row, change, idleMinutes)
    if (changed) ctx.events.append(expertId, 'expert.updated', { expert: ctx.store.expert(expertId) })
    const now = expertRowOf(ctx, expertId)
    return {
      availability: now.availability,
      onlineUntil: now.online_until,
      availabilityCause: now.availability_cause,
    }
  })
}

/**
 * The expert's session went live: busy, so matched instant requests pass them by (direct ones
 * still arrive). Run inside the caller's transaction; true when the expert changed.
 */
export function busyForSession(ctx: MarketplaceContext, expertId: string): boolean {
  const row = expertRowOf(ctx, expertId)
  // A second live session keeps what the first one saved.
  if (row.availability_cause === 'session') return false
  // Joining is activity: an away the idle rule set returns to what it replaced, not to away.
  const resume = isAutoAway(row)
    ? { availability: row.resume_availability, onlineUntil: row.resume_online_until, cause: row.resume_cause }
    : { availability: row.availability, onlineUntil: row.online_until, cause: row.availability_cause }
  ctx
    .sql(
      `UPDATE experts SET availability = 'busy', online_until = NULL, availability_cause = 'session',
         idle_minutes = NULL, resume_availability = ?, resume_online_until = ?, resume_cause = ? WHERE id = ?`,
    )
    .run(resume.availability ?? 'online', resume.onlineUntil, resume.cause ?? 'chosen', expertId)
  return true
}

/**
 * A live session ended or was cancelled: once none is live, back to what the expert had before,
 * unless they chose something else meanwhile. Run inside the caller's transaction.
 */
export function endBusyForSession(ctx: MarketplaceContext, expertId: string): boolean {
  const row = expertRowOf(ctx, expertId)
  if (row.availability_cause !== 'session') return false
  const stillLive = ctx.sql(`SELECT 1 FROM sessions WHERE expert_id = ? AND state = 'live'`).get(expertId)
  if (stillLive !== undefined) return false
  restore(ctx, row)
  return true
}

/** Switch experts whose "online until" has passed to away. */
export function endOnlineUntil(ctx: MarketplaceContext): number {
  const due = ctx
    .sql<[number], { id: string }>(
      `SELECT id FROM experts WHERE availability = 'online' AND online_until IS NOT NULL AND online_until <= ?`,
    )
    .all(ctx.clock.now())
  return writeEach(ctx, 'online until', due, ({ id }) => {
    ctx
      .sql(
        `UPDATE experts SET availability = 'away', online_until = NULL, availability_cause = 'online_until'
             WHERE id = ?`,
      )
      .run(id)
    ctx.events.append(id, 'expert.updated', { expert: ctx.store.expert(id) })
  })
}

function goAway(
  ctx: MarketplaceContext,
  row: ExpertRow,
  cause: Exclude<AutoAvailability, 'back'>,
  idleMinutes: number | null,
): boolean {
  const minutes = cause === 'idle' ? idleMinutes : null
  if (isAutoAway(row)) {
    // Idle then locked (or the reverse): say the newer reason, keep what the first one saved.
    if (row.availability_cause === cause && row.idle_minutes === minutes) return false
    ctx
      .sql('UPDATE experts SET availability_cause = ?, idle_minutes = ? WHERE id = ?')
      .run(cause, minutes, row.id)
    return true
  }
  // Only an online expert is switched: busy, away and offline are someone's decision already.
  if (row.availability !== 'online') return false
  ctx
    .sql(
      `UPDATE experts SET availability = 'away', online_until = NULL, availability_cause = ?, idle_minutes = ?,
         resume_availability = availability, resume_online_until = online_until, resume_cause = availability_cause
       WHERE id = ?`,
    )
    .run(cause, minutes, row.id)
  return true
}

function comeBack(ctx: MarketplaceContext, row: ExpertRow): boolean {
  if (!isAutoAway(row)) return false
  restore(ctx, row)
  return true
}

/** Back to what a rule replaced; an "online until" that passed meanwhile ends as it would have. */
function restore(ctx: MarketplaceContext, row: ExpertRow): void {
  const until = row.resume_online_until
  const lapsed = row.resume_availability === 'online' && until !== null && until <= ctx.clock.now()
  const availability = lapsed ? 'away' : (row.resume_availability ?? 'online')
  const cause = lapsed ? 'online_until' : (row.resume_cause ?? 'chosen')
  ctx
    .sql(
      `UPDATE experts SET availability = ?, online_until = ?, availability_cause = ?, idle_minutes = NULL,
         resume_availability = NULL, resume_online_until = NULL, resume_cause = NULL WHERE id = ?`,
    )
    .run(availability, lapsed ? null : until, cause, row.id)
}

function isAutoAway(row: ExpertRow): boolean {
  return (
    row.availability === 'away' &&
    (row.availability_cause === 'idle' || row.availability_cause === 'screen_locked')
  )
}

function expertRowOf(ctx: MarketplaceContext, expertId: string): ExpertRow {
  const row = ctx.store.expertRow(expertId)
  if (row === undefined) throw new PlatformError('not_found', `No expert ${expertId}.`)
  return row
}
