import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { BrowserWindow } from 'electron'
import { drawAttention } from '../../../../src/main/electron/attention'
import { fake, FakeBrowserWindow, resetFakeElectron, toldSoon } from '../../../support/fake-electron'

vi.mock('electron', async () => (await import('../../../support/fake-electron')).electronModule)

beforeEach(resetFakeElectron)

const asWindow = (window: FakeBrowserWindow): BrowserWindow => window as unknown as BrowserWindow

describe('drawing attention when a notification could not', () => {
  it('bounces the Dock icon on macOS', () => {
    fake.platform = 'darwin'
    drawAttention(asWindow(new FakeBrowserWindow()), 'darwin')
    expect(fake.app.dockBounce).toHaveBeenCalledWith('critical')
  })

  it('flashes the window’s taskbar button on Windows and Linux, where there is no Dock', () => {
    for (const platform of ['win32', 'linux'] as const) {
      fake.platform = platform
      const window = new FakeBrowserWindow()
      drawAttention(asWindow(window), platform)
      expect(window.flashing).toBe(true)
    }
    expect(fake.app.dockBounce).not.toHaveBeenCalled()
  })

  it('stops the flash once the expert comes to the window (Linux keeps it on until told), with one listener however often asked', async () => {
    for (const platform of ['win32', 'linux'] as const) {
      fake.platform = platform
      const window = new FakeBrowserWindow()
      drawAttention(asWindow(window), platform)
      drawAttention(asWindow(window), platform)
      expect(window.listenerCount('focus')).toBe(1)
      window.focus()
      await toldSoon()
      expect(window.flashing).toBe(false)
      expect(window.listenerCount('focus')).toBe(0)
    }
  })

  it('does not flash a window the expert is already looking at', () => {
    fake.platform = 'linux'
    const window = new FakeBrowserWindow()
    window.focus()
    drawAttention(asWindow(window), 'linux')
    expect(window.flashing).toBe(false)
    expect(window.listenerCount('focus')).toBe(0)
  })

  it('does nothing with a window that is gone, rather than throwing', () => {
    fake.platform = 'win32'
    const window = new FakeBrowserWindow()
    window.destroy()
    expect(() => drawAttention(asWindow(window), 'win32')).not.toThrow()
    expect(() => drawAttention(undefined, 'win32')).not.toThrow()
  })
})
