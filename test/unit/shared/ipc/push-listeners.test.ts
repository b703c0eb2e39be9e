// A push no page listens to is a promise the window does not keep: the contract says the window
// shows something it never does. Every push must have a listener in the renderer's sources.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PUSH_EVENTS } from '../../../../src/shared/ipc/channel-names'

const RENDERER = join(import.meta.dirname, '../../../../src/renderer')

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return /\.tsx?$/.test(entry.name) ? [readFileSync(path, 'utf8')] : []
  })
}

describe('the push events of the IPC contract', () => {
  const renderer = sources(RENDERER).join('\n')

  it.each(PUSH_EVENTS)('%s is listened to by a page', (event) => {
    const [namespace, method] = event.split('.') as [string, string]
    const listener = `.${namespace}.on${method.charAt(0).toUpperCase()}${method.slice(1)}(`
    expect(renderer, `no page calls ${listener}`).toContain(listener)
  })
})
