import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { APP_ID } from '../../../src/shared/app-id'

describe('the app id', () => {
  it('is the installer’s appId, so Windows files the toasts under the installed app', () => {
    const builder = readFileSync('electron-builder.yml', 'utf8')
    const appId = /^appId:\s*['"]?([^'"\s#]+)/m.exec(builder)?.[1]
    expect(appId).toBe(APP_ID)
  })

  it('is what the composition root gives Windows', () => {
    const root = readFileSync('src/main/index.ts', 'utf8')
    expect(root).toMatch(/app\.setAppUserModelId\(APP_ID\)/)
  })
})
