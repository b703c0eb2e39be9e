import { describe, expect, it } from 'vitest'
import { createAppOrigin } from '../../../../src/main/electron/app-origin'

describe('the app origin', () => {
  describe('of the built app', () => {
    const origin = createAppOrigin({})

    it('loads the app’s own scheme', () => {
      expect(origin.entryUrl).toBe('standby-app://app/')
    })

    it('accepts the app’s pages, the popover’s included', () => {
      expect(origin.isAppUrl('standby-app://app/')).toBe(true)
      expect(origin.isAppUrl('standby-app://app/index.html?view=popover')).toBe(true)
    })

    it('refuses other hosts, other schemes, files, look-alikes, the web and garbage', () => {
      for (const url of [
        'standby-app://evil/',
        'standby-app://app.evil.example/',
        'standby-app://user@app/',
        'standby-app://:secret@app/',
        'standby-app://user:secret@app/',
        'standbyx://app/',
        // Deep links are the OS's words to the app, never a page of it.
        'standby://app/',
        'standby://invite/inv_1',
        'file:///opt/Standby/out/renderer/index.html',
        'https://app/',
        'not a url',
        '',
      ]) {
        expect(origin.isAppUrl(url), url).toBe(false)
      }
    })
  })

  describe('in development', () => {
    const origin = createAppOrigin({ devServerUrl: 'http://localhost:5173/' })

    it('loads the dev server', () => {
      expect(origin.entryUrl).toBe('http://localhost:5173/')
    })

    it('accepts the dev server origin only', () => {
      expect(origin.isAppUrl('http://localhost:5173/index.html')).toBe(true)
      for (const url of [
        'http://localhost:5174/',
        'https://localhost:5173/',
        'http://localhost:5173@evil.example/',
        'http://user:secret@localhost:5173/',
        'http://evil.example/?http://localhost:5173/',
        'standby-app://app/',
      ]) {
        expect(origin.isAppUrl(url), url).toBe(false)
      }
    })
  })
})
