import { describe, expect, it } from 'vitest'
import { firstFrameDataBlock, parseFirstFrame, type FirstFrame } from '../../../src/shared/first-frame'
import { PROTOCOL_VERSION } from '../../../src/shared/protocol'
import { anInvite, aRequest, aSession, FIXTURE_NOW } from '../../support/fixtures'

function aFrame(overrides: Partial<FirstFrame> = {}): FirstFrame {
  return {
    now: FIXTURE_NOW,
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

/** The text between the data block's tags, as the page reads it. */
function blockText(block: string): string {
  return block.slice(block.indexOf('>') + 1, block.lastIndexOf('</script>'))
}

describe('the first frame’s data block', () => {
  it('round-trips the frame', () => {
    const frame = aFrame()
    expect(parseFirstFrame(blockText(firstFrameDataBlock(frame)))).toEqual(frame)
  })

  it('keeps a client’s markup as text: nothing in it can end the block or start a tag', () => {
    const title = '</script><script>alert(1)</script><!-- & \u2028'
    const frame = aFrame({ invites: { open: [anInvite({ request: aRequest({ title }) })], missed: [] } })
    const block = firstFrameDataBlock(frame)
    // One opening tag and one closing tag: the block's own.
    expect(block.match(/<\/?script/gi)).toHaveLength(2)
    expect(block).not.toContain('<!--')
    expect(parseFirstFrame(blockText(block))?.invites.open[0]?.request.title).toBe(title)
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
})
