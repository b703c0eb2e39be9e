import { describe, expect, it } from 'vitest'
import { HeldMarks } from '../../../../src/main/core/held-marks'
import { diskFull } from '../../../support/cache-faults'
import { recordingLog } from '../../../support/recording-log'

/** A store of marks that refuses writes while `full`, as a cache on a full disk does. */
function setUp() {
  const saved: string[] = []
  const disk = { full: false }
  const log = recordingLog()
  const marks = new HeldMarks<string>({
    save: (mark) => {
      if (disk.full) throw diskFull()
      saved.push(mark)
    },
    idOf: (mark) => mark,
    what: 'a test mark',
    log,
  })
  return { saved, disk, log, marks }
}

describe('held marks', () => {
  it('holds what the cache refuses, counts it as marked, and saves it in order once the cache can', () => {
    const { saved, disk, log, marks } = setUp()
    disk.full = true
    marks.mark('a')
    marks.mark('b')
    marks.mark('a')
    expect(marks.holds('a')).toBe(true)
    expect(saved).toEqual([])
    marks.saveHeld()
    expect(saved).toEqual([])
    expect(log.lines.filter((line) => line.startsWith('error'))).toHaveLength(1)

    disk.full = false
    marks.saveHeld()
    expect(saved).toEqual(['a', 'b'])
    expect(marks.holds('a')).toBe(false)
    marks.mark('c')
    expect(saved).toEqual(['a', 'b', 'c'])
  })

  it('forgets a held mark its owner withdrew, so it is never saved', () => {
    const { saved, disk, marks } = setUp()
    disk.full = true
    marks.mark('a')
    marks.drop('a')
    disk.full = false
    marks.saveHeld()
    expect(saved).toEqual([])
  })
})
