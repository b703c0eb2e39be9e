import { describe, expect, it } from 'vitest'
import { firstDuplicateKey } from '../../../../server/src/http/duplicate-keys'

describe('a key named twice in one object of a JSON text', () => {
  it('is found at any depth, however it is escaped', () => {
    expect(firstDuplicateKey('{"ms":1,"ms":2}')).toBe('ms')
    expect(firstDuplicateKey('{"a":{"b":1,"c":[{"d":1,"\\u0064":2}]}}')).toBe('d')
    expect(firstDuplicateKey('[{"x":1},{"y":{"z":1}},{"x":"y","y":"x","x":0}]')).toBe('x')
  })

  it('is not found where the same name is in different objects, or only in values and strings', () => {
    for (const json of [
      '{"a":{"a":{"a":1}}}',
      '[{"a":1},{"a":2}]',
      '{"a":"a","b":["a","a"],"c":"\\"a\\":1,\\"a\\":2"}',
      '{"a\\\\":1,"a":2}',
      '"a"',
      '{}',
      `${'['.repeat(40_000)}${']'.repeat(40_000)}`,
    ])
      expect(firstDuplicateKey(json), json.slice(0, 40)).toBeUndefined()
  })
})
