import { describe, expect, it } from 'vitest'
import { firstFramePath, frameIdOfPath, parseFirstFrame, surfaceOf } from '../../../src/shared/first-frame'
import { aFirstFrame, anInvite, aRequest } from '../../support/fixtures'

describe('the first frame’s data', () => {
  it('round-trips through JSON', () => {
    const title = '</script><script>alert(1)</script>'
    const frame = aFirstFrame({ invites: { open: [anInvite({ request: aRequest({ title }) })], missed: [] } })
    expect(parseFirstFrame(JSON.stringify(frame))).toEqual(frame)
  })

  it('reads anything that is not a frame as no frame', () => {
    for (const text of [
      null,
      '',
      'not json',
      'null',
      '42',
      '{}',
      JSON.stringify({ ...aFirstFrame(), upcoming: 'x' }),
    ]) {
      expect(parseFirstFrame(text)).toBeNull()
    }
    expect(parseFirstFrame(JSON.stringify({ ...aFirstFrame(), surface: 'tray' }))).toBeNull()
  })

  it('is addressed by a path that holds only its id', () => {
    const id = 'Ab3_-xYz0123456789Qq'
    expect(frameIdOfPath(firstFramePath(id))).toBe(id)
    for (const path of [
      '/first-frame/short.json',
      '/first-frame/../index.html',
      `/first-frame/${id}.js`,
      `/x${firstFramePath(id)}`,
    ]) {
      expect(frameIdOfPath(path), path).toBeNull()
    }
  })
})

describe('the surface a page asks for', () => {
  it('is the popover only for view=popover', () => {
    expect(surfaceOf('?view=popover')).toBe('popover')
    expect(surfaceOf('?secret=x&view=popover')).toBe('popover')
    expect(surfaceOf('')).toBe('window')
    expect(surfaceOf('?view=tray')).toBe('window')
  })
})
