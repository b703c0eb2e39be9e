import { describe, expect, it } from 'vitest'
import {
  keepWindowPlace,
  placeOffScreenWindow,
  placeWindow,
  type SavedWindowPlace,
} from '../../../../src/main/core/window-placement'
import { createSettingsStore } from '../../../../src/main/core/settings/settings-store'
import { MAIN_WINDOW_MIN_SIZE } from '../../../../src/shared/window-sizes'
import { memoryFile } from '../../../support/memory-settings-file'
import { recordingLog } from '../../../support/recording-log'

/** A 1440×900 laptop screen under a 24 px menu bar, and a 1920×1080 monitor to its right. */
const LAPTOP = { x: 0, y: 24, width: 1440, height: 876 }
const MONITOR = { x: 1440, y: 0, width: 1920, height: 1040 }

const place = (bounds: Partial<SavedWindowPlace>): SavedWindowPlace => ({
  x: 100,
  y: 100,
  width: 900,
  height: 700,
  maximized: false,
  ...bounds,
})

describe('placeWindow', () => {
  it('leaves a window never closed to Electron’s own place', () => {
    expect(placeWindow(null, [LAPTOP], MAIN_WINDOW_MIN_SIZE)).toBeNull()
  })

  it('opens where and as large as the window was, on whichever screen that was, maximized if it was', () => {
    const onMonitor = place({ x: 2000, y: 200, width: 1200, height: 800, maximized: true })
    expect(placeWindow(onMonitor, [LAPTOP, MONITOR], MAIN_WINDOW_MIN_SIZE)).toEqual({
      bounds: { x: 2000, y: 200, width: 1200, height: 800 },
      maximized: true,
    })
  })

  it('centres the saved size on the primary screen when its screen is no longer attached', () => {
    const onMonitor = place({ x: 2000, y: 200, width: 1200, height: 800 })
    expect(placeWindow(onMonitor, [LAPTOP], MAIN_WINDOW_MIN_SIZE)?.bounds).toEqual({
      x: 120,
      y: 62,
      width: 1200,
      height: 800,
    })
  })

  it('cuts a size larger than the screen to the screen, and keeps the least size', () => {
    expect(
      placeWindow(place({ x: 0, y: 24, width: 3000, height: 2000 }), [LAPTOP], MAIN_WINDOW_MIN_SIZE)?.bounds,
    ).toEqual(LAPTOP)
    expect(
      placeWindow(place({ width: 10, height: 10 }), [LAPTOP], MAIN_WINDOW_MIN_SIZE)?.bounds,
    ).toMatchObject(MAIN_WINDOW_MIN_SIZE)
  })

  it('keeps a window partly off screen where it was while its title bar can be grabbed, and moves it when not', () => {
    // Hanging off the left edge with 100 px of its top showing: where the expert left it.
    expect(placeWindow(place({ x: -800 }), [LAPTOP], MAIN_WINDOW_MIN_SIZE)?.bounds.x).toBe(-800)
    // Its top under the menu bar: moved down just enough to grab.
    expect(placeWindow(place({ y: 10 }), [LAPTOP], MAIN_WINDOW_MIN_SIZE)?.bounds.y).toBe(24)
    // Only 40 px of its top on screen, or its title bar below the screen's bottom: centred instead.
    expect(placeWindow(place({ x: 1400 }), [LAPTOP], MAIN_WINDOW_MIN_SIZE)?.bounds.x).toBe(270)
    expect(placeWindow(place({ y: 890 }), [LAPTOP], MAIN_WINDOW_MIN_SIZE)?.bounds.y).toBe(112)
  })

  it('leaves the place to Electron when no screen is reported, and passes over a screen with no area', () => {
    expect(placeWindow(place({}), [], MAIN_WINDOW_MIN_SIZE)).toBeNull()
    const gone = { x: 0, y: 0, width: 0, height: 0 }
    expect(placeWindow(place({}), [gone], MAIN_WINDOW_MIN_SIZE)).toBeNull()
    expect(placeWindow(place({ x: 2000 }), [gone, MONITOR], MAIN_WINDOW_MIN_SIZE)?.bounds.x).toBe(2000)
  })

  it('keeps the top left corner on a screen smaller than the least window', () => {
    const tiny = { x: 10, y: 20, width: 300, height: 200 }
    expect(placeWindow(place({ x: 5000 }), [tiny], MAIN_WINDOW_MIN_SIZE)?.bounds).toEqual({
      x: 10,
      y: 20,
      ...MAIN_WINDOW_MIN_SIZE,
    })
  })
})

describe('keepWindowPlace', () => {
  it('keeps a new place, writes nothing for the same one again, and reads a hand-edited bad one as none', () => {
    const file = memoryFile()
    const settings = createSettingsStore(file, recordingLog())
    const log = recordingLog()
    keepWindowPlace(settings, place({}), log)
    expect(settings.get().mainWindowPlace).toEqual(place({}))
    const writes = file.writes
    keepWindowPlace(settings, place({}), log)
    expect(file.writes).toBe(writes)

    const edited = memoryFile({
      ...file.content,
      mainWindowPlace: { x: 'left', y: 0, width: Number.POSITIVE_INFINITY },
    })
    expect(createSettingsStore(edited, recordingLog()).get().mainWindowPlace).toBeNull()
  })

  it('keeps the place it had when the settings refuse a new one, and says so in the log', () => {
    const settings = createSettingsStore(memoryFile(), recordingLog())
    const log = recordingLog()
    keepWindowPlace(settings, place({}), log)
    keepWindowPlace(settings, place({ x: 5_000_000 }), log)
    expect(settings.get().mainWindowPlace).toEqual(place({}))
    expect(log.text()).toContain('Could not keep where the window was')
  })
})

describe('placeOffScreenWindow', () => {
  const onMonitor = { x: 2000, y: 100.4, width: 1000.6, height: 700 }

  it('leaves a window whose title bar a screen still holds where it is', () => {
    expect(placeOffScreenWindow(onMonitor, [LAPTOP, MONITOR], MAIN_WINDOW_MIN_SIZE)).toBeNull()
  })

  it('moves one on no screen to the primary, at its size, in whole pixels', () => {
    expect(placeOffScreenWindow(onMonitor, [LAPTOP], MAIN_WINDOW_MIN_SIZE)).toEqual({
      x: 220,
      y: 112,
      width: 1001,
      height: 700,
    })
  })

  it('moves nothing while no screen offers a place (one reported with no area, being attached)', () => {
    const detaching = { x: 0, y: 0, width: 0, height: 0 }
    expect(placeOffScreenWindow(onMonitor, [detaching], MAIN_WINDOW_MIN_SIZE)).toBeNull()
    expect(placeOffScreenWindow(onMonitor, [], MAIN_WINDOW_MIN_SIZE)).toBeNull()
  })
})
