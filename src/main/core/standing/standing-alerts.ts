/**
 * The one notification that says the expert's standing is at risk, as the cache changes: when the
 * review average crosses below the platform's threshold, and when a chargeback is recorded. What
 * was said is kept in the cache, so a restart, a replay or a reconnect says nothing twice.
 */
import type { Clock } from '../../../shared/clock'
import type { Session } from '../../../shared/protocol'
import { chargebackWords, lowAverageWords } from '../../../shared/rules/standing'
import { nameInSentence, titleInSentence } from '../../../shared/sentence-parts'
import { HeldMarks } from '../held-marks'
import type { CacheStore } from '../ports/cache-store'
import type { Logger } from '../ports/logger'
import type { Notifier } from '../ports/notifier'
import type { CacheUpdate } from '../sync/cache-push'
import { chargebacksToWarn, chargebackWarning, LOW_AVERAGE_WARNING, lowAverageStep } from './standing-rule'

/** Warns the expert once per crossing below the threshold and once per chargeback. */
export class StandingAlerts {
  /** Warnings given that the cache could not record yet. */
  private readonly held: HeldMarks<string>

  constructor(
    private readonly cache: CacheStore,
    private readonly deps: { readonly clock: Clock; readonly notifier: Notifier; readonly log: Logger },
  ) {
    this.held = new HeldMarks({
      save: (key) => cache.markStandingWarned([key], deps.clock.now()),
      idOf: (key) => key,
      what: 'a standing warning',
      log: deps.log,
    })
  }

  /** After a batch of events or a snapshot: warn about what newly puts the standing at risk. */
  cacheChanged(update: CacheUpdate): void {
    // Only the clock moved: nothing about the standing changed.
    if (update.kind === 'clock') return
    if (update.kind === 'replaced' && update.emptied === true) this.held.forget()
    this.held.saveHeld()
    const events = update.kind === 'events' ? update.events : null
    if (events === null || events.some((e) => e.type === 'expert.updated')) this.checkAverage()
    if (events === null) return this.checkChargebacks(this.cache.chargedBackSessions())
    // The sessions these events brought a chargeback to, as the cache now holds them: reading
    // every session charged back before at each one would make a run of them cost their square.
    const brought = new Set(
      events.flatMap((e) =>
        e.type === 'session.updated' && e.payload.session.chargeback !== null ? [e.payload.session.id] : [],
      ),
    )
    if (brought.size === 0) return
    this.checkChargebacks(
      [...brought].flatMap((id) => {
        const session = this.cache.session(id)
        return session === null || session.chargeback === null ? [] : [session]
      }),
    )
  }

  private checkAverage(): void {
    const stats = this.cache.expert()?.stats.reviews ?? null
    const warned = this.warned([LOW_AVERAGE_WARNING]).length > 0
    const step = lowAverageStep(stats, warned)
    if (step === 'rearm') {
      this.held.drop(LOW_AVERAGE_WARNING)
      this.cache.forgetStandingWarning(LOW_AVERAGE_WARNING)
    }
    if (step !== 'warn' || stats === null) return
    // Marked before showing: a crash in between loses one warning, never shows one twice.
    this.held.mark(LOW_AVERAGE_WARNING)
    this.deps.log.warn(`The review average dropped below ${stats.threshold}; warning the expert`)
    this.deps.notifier.show({ kind: 'notice', ...lowAverageWords(stats) })
  }

  private checkChargebacks(chargedBack: ReadonlyArray<Session>): void {
    const fresh = chargebacksToWarn(chargedBack, this.warned(chargedBack.map((s) => chargebackWarning(s.id))))
    if (fresh.length === 0) return
    for (const session of fresh) this.held.mark(chargebackWarning(session.id))
    this.deps.log.warn(`${fresh.length} new chargeback(s) recorded; warning the expert`)
    // One notification for whatever arrived together (a first sync may bring several), told once
    // and under its own id: a later chargeback's notice stands beside it, never in its place.
    this.deps.notifier.show({
      kind: 'notice',
      noticeId: fresh.map((s) => chargebackWarning(s.id)).join(' '),
      ...chargebackWords(
        fresh.map((s) => ({
          title: titleInSentence(s.request.title),
          clientName: nameInSentence(s.client.name),
        })),
      ),
    })
  }

  /** Of these warnings, the ones given: recorded in the cache, or held until it can record them. */
  private warned(keys: ReadonlyArray<string>): ReadonlyArray<string> {
    const recorded = new Set(this.cache.standingWarned(keys))
    return keys.filter((key) => recorded.has(key) || this.held.holds(key))
  }
}
