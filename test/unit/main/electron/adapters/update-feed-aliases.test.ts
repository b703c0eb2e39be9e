// Which parsed release information aliases make larger than sent: what update-feed-aliases.ts refuses.
// js-yaml gives an alias the very list or map its anchor names, as these share them.
import { describe, expect, it } from 'vitest'
import { expandsThroughAliases } from '../../../../../src/main/electron/adapters/update-feed-aliases'

describe('release information that expands through aliases', () => {
  it('is told from a tree, whatever repeats only single values', () => {
    const version = '1.3.0'
    expect(expandsThroughAliases({ version, name: version, files: [{ url: 'a', sha512: 'b' }] })).toBe(false)
    const list = ['x']
    expect(expandsThroughAliases({ a: list, b: [list] })).toBe(true)
    const map: Record<string, unknown> = { x: 1 }
    map['self'] = map
    expect(expandsThroughAliases({ c: map })).toBe(true)
  })

  it('counts a single value each time an alias repeats it, past the most a feed is read', () => {
    const address = 'a'.repeat(100_000)
    const files = Array.from({ length: 20 }, () => ({ url: address }))
    expect(expandsThroughAliases({ version: '1.3.0', files })).toBe(true)
    expect(expandsThroughAliases({ version: '1.3.0', files: files.slice(0, 5) })).toBe(false)
    // Written out once, text as long as a feed may be is read as ever.
    expect(expandsThroughAliases({ releaseNotes: 'a'.repeat(1_000_000) })).toBe(false)
  })

  it('walks a flat list as long as a feed of 1 MiB can hold', () => {
    expect(expandsThroughAliases({ files: Array<number>(500_000).fill(1) })).toBe(false)
  })
})
