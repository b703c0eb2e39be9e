// Which parsed release information repeats a part of itself: what update-feed-aliases.ts refuses.
// js-yaml gives an alias the very list or map its anchor names, as these share them.
import { describe, expect, it } from 'vitest'
import { reachesAnyPartTwice } from '../../../../../src/main/electron/adapters/update-feed-aliases'

describe('release information that reaches a part twice', () => {
  it('is told from a tree, whatever repeats only single values', () => {
    const version = '1.3.0'
    expect(reachesAnyPartTwice({ version, name: version, files: [{ url: 'a', sha512: 'b' }] })).toBe(false)
    const list = ['x']
    expect(reachesAnyPartTwice({ a: list, b: [list] })).toBe(true)
    const map: Record<string, unknown> = { x: 1 }
    map['self'] = map
    expect(reachesAnyPartTwice({ c: map })).toBe(true)
  })

  it('walks a flat list as long as a feed of 1 MiB can hold', () => {
    expect(reachesAnyPartTwice({ files: Array<number>(500_000).fill(1) })).toBe(false)
  })
})
