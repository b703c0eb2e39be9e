import { describe, expect, it } from 'vitest'
import { requestTarget } from '../../../src/shared/request-target'

const ORIGIN = 'http://127.0.0.1:4000'

describe('requestTarget', () => {
  it('reads a target that starts with two slashes as a path on this origin, not as another host', () => {
    const url = requestTarget('//evil.example/standby-ipc?secret=s', ORIGIN)
    expect(url?.host).toBe('127.0.0.1:4000')
    expect(url?.pathname).toBe('//evil.example/standby-ipc')
    expect(url?.searchParams.get('secret')).toBe('s')
  })

  it('reads an ordinary path and query as they are, and no target as the root', () => {
    expect(requestTarget('/api/events?after=3', ORIGIN)?.href).toBe(`${ORIGIN}/api/events?after=3`)
    expect(requestTarget(undefined, ORIGIN)?.pathname).toBe('/')
  })

  it('reads a whole URL (absolute form) as one, for the front door to check its host; null when nothing parses', () => {
    expect(requestTarget('http://other.example/x', ORIGIN)?.host).toBe('other.example')
    expect(requestTarget('http://[bad', ORIGIN)).toBeNull()
  })
})
