import { describe, expect, it } from 'vitest'
import {
  firstFramePath,
  frameIdOfPath,
  parseFirstFrame,
  surfaceOf,
  type FirstFrame,
} from '../../../src/shared/first-frame'
import { PROTOCOL_VERSION } from '../../../src/shared/protocol'
import { anInvite, aRequest, aSession, FIXTURE_NOW } from '../../support/fixtures'

function aFrame(overrides: Partial<FirstFrame> = {}): FirstFrame {
  return {
    now: FIXTURE_NOW,
    clock: { offsetMs: 0, measured: false },
    info: {
      version: '0.1.0',
      platform: 'linux',
      protocolVersion: PROTOCOL_VERSION,
      defaultPlatformUrl: null,
    },
    connection: { status: 'online', since: FIXTURE_NOW },
    expert: null,
    invites: { open: [anInvite()], missed: [] },
    upcoming: [aSession()],
    settings: { platformUrl: null, remindersEnabled: true, soundEnabled: true, launchAtLogin: false },
    surface: 'window',
    locale: 'en-GB',
    timeZone: 'Europe/Berlin',
    inBrowser: true,
    ...overrides,
  }
}

describe('the first frame’s data', () => {
  it('round-trips through JSON', () => {
    const title = '</script><script>alert(1)</script>'
    const frame = aFrame({ invites: { open: [anInvite({ request: aRequest({ title }) })], missed: [] } })
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
      JSON.stringify({ ...aFrame(), upcoming: 'x' }),
    ]) {
      expect(parseFirstFrame(text)).toBeNull()
    }
    expect(parseFirstFrame(JSON.stringify({ ...aFrame(), surface: 'tray' }))).toBeNull()
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
