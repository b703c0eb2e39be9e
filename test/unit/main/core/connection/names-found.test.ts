import { describe, expect, it } from 'vitest'
import { NamesFound } from '../../../../../src/main/core/connection/names-found'

describe('the record of platform addresses that let Standby in', () => {
  it.each([
    ['https://platform.example', 'https://platform.example/'],
    ['https://platform.example/', 'https://platform.example'],
    ['https://platform.example', 'https://platform.example:443'],
    ['https://platform.example', 'https://PLATFORM.example/'],
    ['https://platform.example/standby', 'https://platform.example/standby/'],
    ['http://127.0.0.1:4455/', 'http://127.0.0.1:4455'],
    ['http://localhost:80', 'http://LOCALHOST/'],
  ])('knows %s, let in, when it is written %s', (reached, asked) => {
    const names = new NamesFound()
    names.reached(reached)
    expect(names.wasReached(asked)).toBe(true)
  })

  it.each([
    ['another port', 'https://platform.example', 'https://platform.example:8443'],
    [
      'another path the platform is served under',
      'https://platform.example/standby',
      'https://platform.example',
    ],
    [
      'a platform at the root, asked under a path',
      'https://platform.example',
      'https://platform.example/standby',
    ],
    ['another scheme', 'http://127.0.0.1:4455', 'https://127.0.0.1:4455'],
    ['another host', 'https://platform.example', 'https://other.example'],
  ])('tells %s apart: a platform let in there says nothing of this one', (_name, reached, asked) => {
    const names = new NamesFound()
    names.reached(reached)
    expect(names.wasReached(asked)).toBe(false)
  })
})
