import { describe, expect, it } from 'vitest'
import { formatRoundParts, slowestRounds, type RoundParts } from '../../../bench/core-parts'

/** A round whose parts are as given and whose whole time is their sum. */
const round = (sent: number, wire: number, core: number): RoundParts => ({
  sent,
  wire,
  core,
  afterSending: 0.1,
  total: sent + wire + core,
})

describe('slowestRounds', () => {
  it('takes the slowest share by the whole round, not by any one part, slowest first', () => {
    const rounds = [round(1, 0, 0), round(0.5, 0.5, 0.5), round(0.2, 0.2, 0.2), round(0.9, 0, 0.9)]
    expect(slowestRounds(rounds, 0.5)).toEqual([round(0.9, 0, 0.9), round(0.5, 0.5, 0.5)])
  })

  it('keeps at least one round however small the share', () => {
    expect(slowestRounds([round(1, 1, 1), round(2, 2, 2)], 0.01)).toEqual([round(2, 2, 2)])
  })
})

describe('formatRoundParts', () => {
  it('names the part that set the slowest rounds, beside every round’s p50 and p99', () => {
    const fast = Array.from({ length: 99 }, () => round(0.4, 0.2, 0.3))
    const lines = formatRoundParts([...fast, round(0.4, 5, 0.3)])
    expect(lines[0]).toMatch(/100 rounds/)
    expect(lines[2]).toMatch(/the wire, until the core had it +p50 +0\.20 ms +p99 +0\.20 ms/)
    expect(lines.at(-2)).toBe(
      "of the 1 slowest (5.70 ms and over), each part's median: " +
        'the platform 0.40 ms, the wire 5.00 ms, the core 0.30 ms, (after sending) 0.10 ms',
    )
  })

  it('sets the slowest rounds’ waits for a CPU beside every round’s, per process', () => {
    const waited = (server: number, client: number): RoundParts => ({
      ...round(0.4, 0.2, 0.3),
      waited: { server, client },
    })
    const fast = Array.from({ length: 99 }, () => waited(0.1, 0.2))
    const lines = formatRoundParts([...fast, { ...waited(0.5, 4), total: 9 }])
    expect(lines.at(-1)).toMatch(/the platform's thread 0\.10 \/ 0\.50 ms, the core's 0\.20 \/ 4\.00 ms$/)
  })

  it('says the waits are unavailable where the kernel does not tell them, rather than printing NaN', () => {
    const unknown = { ...round(1, 1, 1), waited: { server: Number.NaN, client: Number.NaN } }
    expect(formatRoundParts([unknown, round(1, 1, 1)]).at(-1)).toMatch(
      /the platform's thread unavailable, the core's unavailable$/,
    )
  })

  it('counts the rounds with a part below zero, per part', () => {
    const lines = formatRoundParts([round(0.4, 0.2, 0.3), round(0.9, -0.3, 0.3), round(0.4, 0.2, 0.3)])
    expect(lines).toContain(
      '  rounds with a part below zero (marks out of order): the platform 0, the wire 1, the core 0',
    )
  })

  // A core that reconnected mid-run left every later round out of the parts without a word: the
  // parts read as the whole run's while they held only the rounds before it.
  it('says how many rounds were left out, so parts over fewer rounds are not read as every round', () => {
    const lines = formatRoundParts([round(0.4, 0.2, 0.3)], 7)
    expect(lines[0]).toContain('(1 rounds,')
    expect(lines.join('\n')).toContain('7 rounds left out: no write of their invite was seen')
    expect(formatRoundParts([], 3).join('\n')).toContain('3 rounds left out')
    expect(formatRoundParts([round(0.4, 0.2, 0.3)]).join('\n')).not.toContain('left out')
  })

  it('says so when no round was split, rather than printing NaN', () => {
    expect(formatRoundParts([])).toEqual(['(no round was split into its parts)'])
  })
})
