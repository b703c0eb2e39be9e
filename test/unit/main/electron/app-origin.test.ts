import { describe, expect, it } from 'vitest'
import { createAppOrigin } from '../../../../src/main/electron/app-origin'

describe('the app origin', () => {
  describe('of the built app', () => {
    const origin = createAppOrigin({})

    it('loads the app’s own scheme', () => {
      expect(origin.entryUrl).toBe('standby://app/')
    })

    it('accepts the app’s pages, the popover’s included', () => {
      expect(origin.isAppUrl('standby://app/')).toBe(true)
      expect(origin.isAppUrl('standby://app/index.html?view=popover')).toBe(true)
    })

    it('refuses other hosts, other schemes, files, look-alikes, the web and garbage', () => {
      for (const url of [
        'standby://evil/',
        'standby://app.evil.example/',
        'standby://user@app/',
        'standbyx://app/',
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
        'http://evil.example/?http://localhost:5173/',
        'standby://app/',
      ]) {
        expect(origin.isAppUrl(url), url).toBe(false)
      }
    })
  })
})
