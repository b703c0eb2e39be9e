// The failure sentence the window shows is written again in a new time zone only while it is
// still the one shown (shown-failure.ts).
import { expect, it } from 'vitest'
import { ShownFailure } from '../../../../../src/main/core/update/shown-failure'

const URL = 'https://standby.example/download'

it('writes the shown failure again with the retry time in the zone now', () => {
  let zone = 'UTC'
  const failure = new ShownFailure(
    () => (t) => `${new Date(t).toISOString().slice(11, 16)} ${zone}`,
    () => URL,
  )
  const shown = failure.show({
    what: 'check for updates',
    reason: 'offline',
    retryAt: Date.UTC(2026, 0, 1, 9),
  })
  expect(shown).toContain('09:00 UTC')
  expect(shown).toContain(URL)
  zone = 'CET'
  const again = failure.rewritten(shown)
  expect(again).toContain('09:00 CET')
  // Written again, the newer sentence is the one it answers for.
  expect(failure.rewritten(shown)).toBeNull()
  expect(failure.rewritten(again)).toContain('09:00 CET')
})

it('leaves a sentence that is no longer its own (a newer state, or none shown)', () => {
  const failure = new ShownFailure(
    () => String,
    () => URL,
  )
  expect(failure.rewritten(null)).toBeNull()
  failure.show({ what: 'download the update', reason: 'disk full', retryAt: 1 })
  expect(failure.rewritten(null)).toBeNull()
  expect(failure.rewritten('Could not check for updates')).toBeNull()
})
