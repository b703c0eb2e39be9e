import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { TRAY_ICON_STATES } from '../../../../src/main/core/tray/tray-icon-state'
import { ICO_SIZES, OVERLAY_FILES, trayIconPath, trayImageFiles } from '../../../../src/main/node/tray-icon'

const resources = join(import.meta.dirname, '../../../..', 'resources')
const PNG_SIGNATURE = '89504e470d0a1a0a'

/** Width and height from a PNG's IHDR, and whether it is 8-bit RGBA. */
function pngHeader(png: Buffer): { width: number; height: number; rgba8: boolean } {
  expect(png.subarray(0, 8).toString('hex')).toBe(PNG_SIGNATURE)
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR')
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), rgba8: png[24] === 8 && png[25] === 6 }
}

/** The sizes in an ICO's directory, each checked against the PNG it points at. */
function icoSizes(ico: Buffer): ReadonlyArray<number> {
  expect(ico.readUInt16LE(0)).toBe(0)
  expect(ico.readUInt16LE(2)).toBe(1)
  return Array.from({ length: ico.readUInt16LE(4) }, (_, index) => {
    const entry = 6 + 16 * index
    const size = ico[entry] === 0 ? 256 : ico[entry]!
    const image = ico.subarray(
      ico.readUInt32LE(entry + 12),
      ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8),
    )
    expect(pngHeader(image)).toMatchObject({ width: size, height: size })
    return size
  })
}

/** The RGBA pixels of one of our PNGs (one IDAT, filter type 0 on every line). */
function pixels(png: Buffer): Buffer {
  const { width } = pngHeader(png)
  const raw = inflateSync(png.subarray(41, png.length - 12))
  const lines = Array.from({ length: raw.length / (width * 4 + 1) }, (_, y) =>
    raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)),
  )
  return Buffer.concat(lines)
}

describe('the tray images', () => {
  describe.each(['darwin', 'win32', 'linux'] as const)('on %s', (platform) => {
    it.each(TRAY_ICON_STATES)('has a picture of %s in every size it needs', (state) => {
      for (const { file, sizes } of trayImageFiles(platform, state)) {
        const data = readFileSync(join(resources, file))
        if (file.endsWith('.ico')) expect(icoSizes(data)).toEqual(sizes)
        else expect(pngHeader(data)).toEqual({ width: sizes[0], height: sizes[0], rgba8: true })
      }
    })

    it('has a different picture for every state', () => {
      const images = TRAY_ICON_STATES.map((state) =>
        readFileSync(join(resources, trayImageFiles(platform, state)[0]!.file)).toString('base64'),
      )
      expect(new Set(images).size).toBe(TRAY_ICON_STATES.length)
    })
  })

  it('are macOS template images (black and alpha only) at 16 px and 32 px for Retina', () => {
    expect(trayImageFiles('darwin', 'online')).toEqual([
      { file: 'tray-onlineTemplate.png', sizes: [16] },
      { file: 'tray-onlineTemplate@2x.png', sizes: [32] },
    ])
    for (const state of TRAY_ICON_STATES) {
      for (const { file } of trayImageFiles('darwin', state)) {
        const rgba = pixels(readFileSync(join(resources, file)))
        const colours = rgba.filter((_, index) => index % 4 !== 3)
        expect(colours.every((value) => value === 0)).toBe(true)
        expect(rgba.some((value, index) => index % 4 === 3 && value > 0)).toBe(true)
      }
    }
  })

  it('are Windows icons from 16 px to 256 px', () => {
    expect(ICO_SIZES[0]).toBe(16)
    expect(ICO_SIZES.at(-1)).toBe(256)
  })

  it('include the Windows taskbar overlay for waiting invites', () => {
    for (const { file, sizes } of OVERLAY_FILES)
      expect(pngHeader(readFileSync(join(resources, file)))).toMatchObject({ width: sizes[0] })
  })

  it('all ship in the installers: electron-builder copies resources/tray* to the icons folder', () => {
    const config = readFileSync(join(resources, '..', 'electron-builder.yml'), 'utf8')
    expect(config).toMatch(/extraResources:\n\s+- from: resources\n\s+to: icons\n\s+filter:\n\s+- 'tray\*'/)
    const files = [
      ...OVERLAY_FILES,
      ...(['darwin', 'win32', 'linux'] as const).flatMap((os) =>
        TRAY_ICON_STATES.flatMap((state) => trayImageFiles(os, state)),
      ),
    ]
    for (const { file } of files) expect(file.startsWith('tray')).toBe(true)
  })

  it('come from the project in development and from the packaged resources when installed', () => {
    const dev = {
      platform: 'linux',
      isPackaged: false,
      resourcesPath: '/unused',
      appPath: '/src/standby',
    } as const
    expect(trayIconPath(dev, 'away')).toBe('/src/standby/resources/tray-away.png')
    const installed = { ...dev, isPackaged: true, resourcesPath: '/opt/Standby/resources' }
    expect(trayIconPath(installed, 'invite')).toBe('/opt/Standby/resources/icons/tray-invite.png')
    expect(trayIconPath({ ...dev, platform: 'darwin' }, 'busy')).toMatch(/tray-busyTemplate\.png$/)
    expect(trayIconPath({ ...dev, platform: 'win32' }, 'busy')).toMatch(/tray-busy\.ico$/)
    expect(trayIconPath({ ...dev, platform: 'freebsd' }, 'busy')).toMatch(/tray-busy\.png$/)
  })
})
