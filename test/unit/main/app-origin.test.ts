import { describe, expect, it } from 'vitest'
import { createAppOrigin } from '../../../src/main/app-origin'

describe('the app origin', () => {
  describe('of the built app', () => {
    const origin = createAppOrigin({ rendererDir: '/opt/Standby/out/renderer/' })

    it('loads index.html from the renderer directory', () => {
      expect(origin.entry).toEqual({ kind: 'file', path: '/opt/Standby/out/renderer/index.html' })
    })

    it('accepts pages inside the renderer directory', () => {
      expect(origin.isAppUrl('file:///opt/Standby/out/renderer/index.html')).toBe(true)
      expect(origin.isAppUrl('file:///opt/Standby/out/renderer/index.html?x=1#/session/4')).toBe(true)
    })

    it('refuses other files, paths that climb out, look-alike directories, the web and garbage', () => {
      for (const url of [
        'file:///etc/passwd',
        'file:///opt/Standby/out/renderer/../main/index.js',
        'file:///opt/Standby/out/renderer-evil/index.html',
        'file:///opt/Standby/out/renderer',
        'https://opt/Standby/out/renderer/index.html',
        'not a url',
        '',
      ]) {
        expect(origin.isAppUrl(url), url).toBe(false)
      }
    })
  })

  describe('in development', () => {
    const origin = createAppOrigin({ devServerUrl: 'http://localhost:5173/', rendererDir: '/unused' })

    it('loads the dev server', () => {
      expect(origin.entry).toEqual({ kind: 'url', url: 'http://localhost:5173/' })
    })

    it('accepts the dev server origin only', () => {
      expect(origin.isAppUrl('http://localhost:5173/index.html')).toBe(true)
      for (const url of [
        'http://localhost:5174/',
        'https://localhost:5173/',
        'http://localhost:5173@evil.example/',
        'http://evil.example/?http://localhost:5173/',
        'file:///unused/index.html',
      ]) {
        expect(origin.isAppUrl(url), url).toBe(false)
      }
    })
  })
})
