// The same broken entity in each snapshot the platform sends over one connection is told once in
// the log: a line per read repeated the same fault at each catch-up and read as many broken entities.
import { describe, expect, it } from 'vitest'
import { PassedOver } from '../../../../../src/main/core/connection/passed-over'
import { parseReplayPage } from '../../../../../src/main/core/connection/replay-page'
import { aSnapshot, anExpert } from '../../../../support/fixtures'

describe('a snapshot problem read again on one connection', () => {
  it('is logged once a connection, and again on the next', () => {
    const lines: string[] = []
    const passedOver = new PassedOver({ error: (m) => void lines.push(m) })
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
    expect(lines).toHaveLength(4)
  })

  it('still tells each different problem, within the connection’s few lines', () => {
    const lines: string[] = []
    const passedOver = new PassedOver({ error: (m) => void lines.push(m) })
    passedOver.newConnection()
    passedOver.once.error('first')
    passedOver.once.error('second')
    passedOver.once.error('first')
    expect(lines).toEqual(['first', 'second'])
  })
})
