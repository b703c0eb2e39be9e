import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  displayOf,
  firstLanguage,
  loadFirstFrameRenderer,
  pageWithFirstFrame,
} from '../../../../../src/main/node/renderer-pages/first-frame'
import type { FirstFrame } from '../../../../../src/shared/first-frame'
import { useTempDirs } from '../../../../support/temp-dir'

const tempDir = useTempDirs()

/** A logger that keeps its warnings. */
function recordingLog() {
  const warnings: string[] = []
  return {
    warnings,
    log: { info: () => {}, warn: (line: string) => void warnings.push(line), error: () => {} },
  }
}

describe('the locale and time zone of the pre-render', () => {
  it('takes the first language of Accept-Language', () => {
    expect(firstLanguage('en-GB,en;q=0.9,de;q=0.8')).toBe('en-GB')
    expect(firstLanguage('fr')).toBe('fr')
    expect(firstLanguage('*')).toBeUndefined()
    expect(firstLanguage('')).toBeUndefined()
    expect(firstLanguage(undefined)).toBeUndefined()
  })

  it('resolves a valid tag as Intl does, and anything else to this machine’s locale', () => {
    const machine = new Intl.DateTimeFormat().resolvedOptions()
    expect(displayOf('en-GB')).toEqual({ locale: 'en-GB', timeZone: machine.timeZone })
    expect(displayOf('not a language!')).toEqual({ locale: machine.locale, timeZone: machine.timeZone })
    expect(displayOf(undefined)).toEqual({ locale: machine.locale, timeZone: machine.timeZone })
  })
})

describe('the page with its first frame', () => {
  const index =
    '<!doctype html><html lang="en"><head><title>S</title></head><body><div id="root"></div></body></html>'
  const frame = { id: 'frame-id-0123456789', surface: 'window' } as const

  it('puts the markup in #root and names the frame in the head', () => {
    const page = pageWithFirstFrame(index, '<p>Ada’s invites</p>', frame)
    expect(page).toContain('<div id="root" inert><p>Ada’s invites</p></div>')
    expect(page).toContain('<meta name="standby-first-frame" content="frame-id-0123456789" /></head>')
    expect(page).toContain('<html lang="en">')
  })

  it('marks the popover’s page as the popover, so its frame is laid out as one', () => {
    const page = pageWithFirstFrame(index, '<p>x</p>', { ...frame, surface: 'popover' })
    expect(page).toContain('<html class="is-popover" lang="en">')
  })

  it('inserts markup literally, even where it looks like a replacement pattern', () => {
    expect(pageWithFirstFrame(index, '<p>$& $1</p>', frame)).toContain(
      '<div id="root" inert><p>$& $1</p></div>',
    )
  })

  it('refuses an index.html without an empty #root or a head', () => {
    expect(() => pageWithFirstFrame('<head></head><body></body>', '<p>x</p>', frame)).toThrow(
      /no empty <div id="root">/,
    )
    expect(() => pageWithFirstFrame('<div id="root"></div>', '<p>x</p>', frame)).toThrow(/no <\/head>/)
  })
})

describe('loading the built pre-render', () => {
  it('says so and goes without when it is not built', async () => {
    const { warnings, log } = recordingLog()
    const path = join(tempDir(), 'render-first-frame.mjs')
    expect(await loadFirstFrameRenderer(path, log)).toBeNull()
    expect(warnings).toEqual([expect.stringContaining(`No first-frame pre-render at ${path}`)])
    expect(warnings[0]).toContain('Run npm run build')
  })

  it('says so and goes without when the file is not the pre-render', async () => {
    const { warnings, log } = recordingLog()
    const dir = tempDir()
    writeFileSync(join(dir, 'other.mjs'), 'export const something = 1\n')
    writeFileSync(join(dir, 'broken.mjs'), 'export const = \n')
    expect(await loadFirstFrameRenderer(join(dir, 'other.mjs'), log)).toBeNull()
    expect(await loadFirstFrameRenderer(join(dir, 'broken.mjs'), log)).toBeNull()
    expect(warnings).toHaveLength(2)
    expect(warnings[0]).toContain('exports no renderFirstFrame')
    expect(warnings[1]).toContain('windows render on their own')
  })

  it('loads a module that exports renderFirstFrame', async () => {
    const dir = tempDir()
    writeFileSync(
      join(dir, 'ok.mjs'),
      'export const renderFirstFrame = (frame) => `<p>${frame.surface}</p>`\n',
    )
    const render = await loadFirstFrameRenderer(join(dir, 'ok.mjs'), recordingLog().log)
    expect(render?.({ surface: 'popover' } as FirstFrame)).toBe('<p>popover</p>')
  })
})
