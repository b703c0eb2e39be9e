// The start last told to the expert, that nudges add up from, is kept in the cache; on a full disk
// it is held in memory instead, and every answer about it reads the held one as the cache's.
import { describe, expect, it } from 'vitest'
import { failWrites } from '../../../../support/cache-faults'
import { FIXTURE_NOW, MINUTE } from '../../../../support/fixtures'
import { at, reminderKit } from './reminder-kit'

const setUp = reminderKit()
const HOUR = 60 * MINUTE
const T = at(60)

/** Measured, ses_1 booked at T and its 30-minute reminder shown; `failing` cannot be saved from then on. */
function thirtyShown(failing: 'keepToldStart' | 'markReminder') {
  const kit = setUp({ platformClock: true })
  const session = kit.book('ses_1', T)
  kit.scheduler.start()
  kit.platformAnswers(0)
  if (failing === 'markReminder') failWrites(kit.store, failing)
  kit.clock.advanceTo(T - 30 * MINUTE)
  expect(kit.titles()).toEqual(['In 30 minutes: Session ses_1'])
  if (failing === 'keepToldStart') failWrites(kit.store, failing)
  return { ...kit, session }
}

/**
 * The computer's clock set 3 hours on, then the screen unlocked: until the platform answers the
 * wake's probe the plan goes by a guess, by which the session is long past and out of the plan.
 * `meanwhile` happens then; the platform answers its true time.
 */
function outOfThePlanAWhile(kit: ReturnType<typeof thirtyShown>, meanwhile = (): void => {}): void {
  kit.clock.step(3 * HOUR)
  kit.clock.advance(10_000)
  kit.power.resume()
  meanwhile()
  kit.clock.advance(300)
  const reading = kit.platform!.reading()
  kit.platform!.record({ sent: reading, received: reading, serverTime: FIXTURE_NOW + kit.clock.monotonic() })
}

describe('the start told, held in memory while the cache cannot save it', () => {
  it('nudged by 40 s, the session out of the plan a while, then by 40 s more: a move of 80 s, told', () => {
    const kit = thirtyShown('keepToldStart')
    kit.update({ ...kit.session, bookedStart: T + 40_000, updatedAt: kit.clock.now() })
    outOfThePlanAWhile(kit)
    kit.update({ ...kit.session, bookedStart: T + 80_000, updatedAt: kit.clock.now() })
    expect(kit.titles().slice(1)).toEqual([expect.stringMatching(/^Moved: Session ses_1, now /)])
    kit.scheduler.stop()
  })

  it('the 30 shown, then nudged by 40 s while out of the plan: the 30 is not shown again', () => {
    const kit = thirtyShown('markReminder')
    outOfThePlanAWhile(kit, () =>
      kit.update({ ...kit.session, bookedStart: T + 40_000, updatedAt: kit.clock.now() }),
    )
    kit.clock.advance(T + 40_000 - 10 * MINUTE - kit.platform!.now())
    expect(kit.titles()).toEqual(['In 30 minutes: Session ses_1', 'In 10 minutes: Session ses_1'])
    kit.scheduler.stop()
  })
})
