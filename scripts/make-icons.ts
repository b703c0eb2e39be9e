// Draws the app's icons into resources/: the app icon, the window's favicon, and the tray's
// picture for every state of src/main/core/tray/tray-icon-state.ts on every platform (the files
// src/main/node/tray-icon.ts names). Antialiased by supersampling, written as PNG (and ICO
// wrapping PNGs) with nothing but node:zlib. Run with `npm run icons`; the output is
// deterministic, so re-running is a no-op for git unless the drawing changes.
import { readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { TRAY_ICON_STATES } from '../src/main/core/tray/tray-icon-state'
import { OVERLAY_FILES, trayImageFiles, type TrayImageFile } from '../src/main/node/tray-icon'
import { draw, encodeIco, encodePng, roundedSquare, type Layer, type Rgb } from './icons/raster'
import { circleGlyph } from './icons/app-glyph'
import { colourPalette, OVERLAY_MARK, TEMPLATE_PALETTE, trayGlyph } from './icons/tray-glyphs'

const WHITE: Rgb = [255, 255, 255]
const BLUE: Rgb = [31, 111, 235]

const out = join(import.meta.dirname, '..', 'resources')
const png = (size: number, layers: ReadonlyArray<Layer>): Buffer => encodePng(size, draw(size, layers))

/** Writes one image file: a PNG of its one size, or an ICO of all of them. */
function write({ file, sizes }: TrayImageFile, layers: ReadonlyArray<Layer>): void {
  const data = file.endsWith('.ico')
    ? encodeIco(sizes.map((size) => ({ size, png: png(size, layers) })))
    : png(sizes[0]!, layers)
  writeFileSync(join(out, file), data)
}

// Tray images of states that no longer exist would ship for nothing.
for (const stale of readdirSync(out).filter((file) => file.startsWith('tray'))) rmSync(join(out, stale))
for (const state of TRAY_ICON_STATES) {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    const palette = platform === 'darwin' ? TEMPLATE_PALETTE() : colourPalette(state)
    for (const file of trayImageFiles(platform, state)) write(file, trayGlyph(state, palette))
  }
}
for (const file of OVERLAY_FILES) write(file, OVERLAY_MARK)

// The app icon: the white glyph on a blue rounded square, for electron-builder to convert.
const appIcon = (size: number): Buffer =>
  png(size, [
    { shape: roundedSquare(0.09, 0.18), color: BLUE },
    { shape: circleGlyph(0.62), color: WHITE },
  ])
writeFileSync(join(out, 'icon.png'), appIcon(512))
// The window's icon (a browser tab's, in the browser shell): the app icon at tab sizes, served as
// /favicon.ico from the renderer's public folder.
writeFileSync(
  join(import.meta.dirname, '..', 'src', 'renderer', 'public', 'favicon.ico'),
  encodeIco([16, 32, 48].map((size) => ({ size, png: appIcon(size) }))),
)
console.log(`Icons written to ${out} and src/renderer/public`)
