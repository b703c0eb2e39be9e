// The same broken entity in each snapshot the platform sends over one connection is told once in
// the log: a line per read repeated the same fault at each catch-up and read as many broken entities.
// A platform that sends the same at every connection, and then closes it, tells it once an hour.
import { describe, expect, it } from 'vitest'
import {
  MOST_PASSED_OVER_AN_HOUR,
  MOST_PASSED_OVER_LOGGED,
  PASSED_OVER_AGAIN_AFTER_MS,
  PassedOver,
} from '../../../../../src/main/core/connection/passed-over'
import { parseReplayPage } from '../../../../../src/main/core/connection/replay-page'
import { ManualClock } from '../../../../../src/shared/clock'
import { aSnapshot, anExpert } from '../../../../support/fixtures'

/** A PassedOver whose lines go to `lines`, on a clock the test moves. */
function passedOverInto() {
  const lines: string[] = []
  const clock = new ManualClock(0)
  const passedOver = new PassedOver({ error: (m) => void lines.push(m) }, clock)
  return { lines, clock, passedOver }
}

describe('a snapshot problem read again on one connection', () => {
  it('is logged once a connection, and on the next connections once an hour', () => {
    const { lines, clock, passedOver } = passedOverInto()
    const raw = { ...aSnapshot(), expert: { id: 1 }, openInvites: [{ id: 'inv_bad' }] }
    const read = () => parseReplayPage({ kind: 'snapshot', snapshot: raw }, passedOver.once, () => anExpert())

    passedOver.newConnection()
    for (let catchUp = 0; catchUp < 4; catchUp++) expect(read()).toMatchObject({ skipped: 2 })
    expect(lines).toEqual([
      expect.stringMatching(/^Kept the cached profile/),
      expect.stringMatching(/^Skipped an invite in the platform's snapshot/),
    ])

    passedOver.newConnection()
    read()
    expect(lines).toHaveLength(2)
    clock.advance(PASSED_OVER_AGAIN_AFTER_MS)
    passedOver.newConnection()
    read()
    expect(lines).toHaveLength(4)
  })

  it('still tells each different problem, within the connection’s few lines', () => {
    const { lines, passedOver } = passedOverInto()
    passedOver.newConnection()
    passedOver.once.error('first')
    passedOver.once.error('second')
    passedOver.once.error('first')
    expect(lines).toEqual(['first', 'second'])
  })
})

describe('a platform that sends what Standby passes over at every connection, then closes it', () => {
  it('has the same message logged once an hour, not once a connection', () => {
    const { lines, clock, passedOver } = passedOverInto()
    for (let connection = 0; connection < 100; connection++) {
      passedOver.newConnection()
      passedOver.tell('a message named "announcement"; Standby passed it over')
      clock.advance(10_000)
    }
    expect(lines).toHaveLength(Math.ceil((100 * 10_000) / PASSED_OVER_AGAIN_AFTER_MS))
    expect(lines[0]).toMatch(
      /^The platform sent a message named "announcement"; Standby passed it over\. .*tell the platform's support\.$/,
    )
  })

  it('has a new message at every connection logged within an hourly budget, then how many were held back', () => {
    const { lines, clock, passedOver } = passedOverInto()
    for (let connection = 0; connection < 2 * MOST_PASSED_OVER_AN_HOUR; connection++) {
      passedOver.newConnection()
      passedOver.messages.error(`Skipped event ${connection + 1} from the platform: it is malformed`)
      clock.advance(10_000)
    }
    expect(lines).toHaveLength(MOST_PASSED_OVER_AN_HOUR + 1)
    expect(lines.at(-1)).toMatch(/over many connections; no more of them are logged for an hour/)
    clock.advance(PASSED_OVER_AGAIN_AFTER_MS)
    passedOver.newConnection()
    passedOver.messages.error('Skipped event 1000 from the platform: it is malformed')
    expect(lines.slice(-2)).toEqual([
      `The platform sent ${MOST_PASSED_OVER_AN_HOUR} more messages Standby could not read or that are outside its protocol in the hour after no more of them were logged; if it goes on, tell the platform's support.`,
      'Skipped event 1000 from the platform: it is malformed',
    ])
  })

  it('tells how many it held back at the next connection after the hour, though nothing more is sent', () => {
    const { lines, clock, passedOver } = passedOverInto()
    for (let connection = 0; connection < MOST_PASSED_OVER_AN_HOUR + 3; connection++) {
      passedOver.newConnection()
      passedOver.messages.error(`Skipped event ${connection + 1} from the platform: it is malformed`)
      clock.advance(10_000)
    }
    clock.advance(PASSED_OVER_AGAIN_AFTER_MS)
    passedOver.newConnection()
    expect(lines.at(-1)).toMatch(/^The platform sent 3 more messages Standby could not read/)
  })

  it('logs the first line of a kind not seen in this run, though another kind used up the counts', () => {
    const { lines, clock, passedOver } = passedOverInto()
    for (let connection = 0; connection < 2 * MOST_PASSED_OVER_AN_HOUR; connection++) {
      passedOver.newConnection()
      for (let name = 0; name <= MOST_PASSED_OVER_LOGGED; name++)
        passedOver.tell(`a message named "junk-${connection}-${name}"; Standby passed it over`)
      clock.advance(10_000)
    }
    expect(lines.at(-1)).toMatch(/over many connections; no more of them are logged for an hour/)
    passedOver.tell('a second welcome on one connection; Standby kept the first')
    expect(lines.at(-1)).toMatch(/^The platform sent a second welcome on one connection/)
    passedOver.tell('a second welcome on one connection; Standby kept the first')
    expect(lines.at(-1)).toMatch(/^The platform sent a second welcome on one connection/)
    expect(lines.filter((line) => /second welcome/.test(line))).toHaveLength(1)
  })
})
