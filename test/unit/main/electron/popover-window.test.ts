import { describe, expect, it, vi } from 'vitest'
import { popoverPosition, POPOVER_SIZE } from '../../../../src/main/electron/popover-window'

vi.mock('electron', async () => (await import('../../../support/fake-electron')).electronModule)

const workArea = { x: 0, y: 24, width: 1440, height: 876 }

describe('popoverPosition', () => {
  it('centres the popover under a tray icon at the top of the screen', () => {
    expect(popoverPosition({ x: 1000, y: 0, width: 24, height: 24 }, POPOVER_SIZE, workArea)).toEqual([
      832, 28,
    ])
  })

  it('puts it above a tray icon at the bottom of the screen (Windows taskbar)', () => {
    const bottom = { x: 0, y: 0, width: 1920, height: 1040 }
    expect(popoverPosition({ x: 1800, y: 1045, width: 24, height: 30 }, POPOVER_SIZE, bottom)).toEqual([
      1556, 556,
    ])
  })

  it('keeps it inside the work area near a screen edge', () => {
    const [x] = popoverPosition({ x: 1430, y: 0, width: 24, height: 24 }, POPOVER_SIZE, workArea)
    expect(x + POPOVER_SIZE.width).toBeLessThanOrEqual(workArea.width)
  })
})
