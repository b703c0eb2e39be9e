import { describe, expect, it } from 'vitest'
import { jumpPast, momentsAtWallClock, wallClockFormat } from '../../../src/shared/zone-offset'

const MINUTE = 60_000

function momentsIn(timeZone: string, wall: string): ReadonlyArray<number> {
  const [date, time] = wall.split('T') as [string, string]
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const [hour, minute] = time.split(':').map(Number) as [number, number]
  return momentsAtWallClock(wallClockFormat(timeZone)!, { year, month, day, hour, minute, second: 0 })
}

describe('the moments a wall-clock time names in a zone', () => {
  it('is one moment as a rule, none in a skipped hour and two in a repeated one', () => {
    expect(momentsIn('Europe/Berlin', '2026-03-29T01:59')).toEqual([Date.UTC(2026, 2, 29, 0, 59)])
    expect(momentsIn('Europe/Berlin', '2026-03-29T02:30')).toEqual([])
    expect(momentsIn('Europe/Berlin', '2026-03-29T03:00')).toEqual([Date.UTC(2026, 2, 29, 1, 0)])
    expect(momentsIn('Europe/Berlin', '2026-10-25T02:30')).toEqual([
      Date.UTC(2026, 9, 25, 0, 30),
      Date.UTC(2026, 9, 25, 1, 30),
    ])
  })

  it('follows a change of half an hour (Lord Howe) and a skipped midnight (Santiago)', () => {
    // Lord Howe goes from +11 to +10:30 at 02:00 on 2026-04-05: 01:30 to 02:00 comes twice.
    const [first, second] = momentsIn('Australia/Lord_Howe', '2026-04-05T01:45')
    expect(second! - first!).toBe(30 * MINUTE)
    // Santiago's clocks go forward at midnight (2026-09-06): no 00:30 that day.
    expect(momentsIn('America/Santiago', '2026-09-06T00:30')).toEqual([])
  })

  it('finds where the clocks jump past a skipped time, and nothing for a time that exists', () => {
    const berlin = wallClockFormat('Europe/Berlin')!
    const wall = { year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0 }
    expect(jumpPast(berlin, wall)).toBe(Date.UTC(2026, 2, 29, 1, 0))
    expect(jumpPast(berlin, { ...wall, hour: 4 })).toBeNaN()
    expect(jumpPast(berlin, { ...wall, month: 10, day: 25 })).toBeNaN()
    // Kathmandu's one change, from +5:30 to +5:45 in 1986: a quarter hour skipped at midnight.
    const kathmandu = wallClockFormat('Asia/Kathmandu')!
    expect(jumpPast(kathmandu, { year: 1986, month: 1, day: 1, hour: 0, minute: 5, second: 0 })).toBe(
      Date.UTC(1985, 11, 31, 18, 30),
    )
  })
})
