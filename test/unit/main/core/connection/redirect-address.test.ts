import { describe, expect, it } from 'vitest'
import { platformAddressAt as addressAt } from '../../../../../src/main/core/connection/redirect-address'

/** As the connection reads a redirect of its WebSocket upgrade. */
const platformAddressAt = (location: string, asked: string) => addressAt(location, asked, '/socket.io')

const asked = 'ws://127.0.0.1:4000/standby/socket.io/?EIO=4&transport=websocket'

describe('the platform address a redirect of the WebSocket upgrade names', () => {
  it('is the address the expert would type: its socket.io path and query taken off', () => {
    expect(
      platformAddressAt('https://platform.example/standby/socket.io/?EIO=4&transport=websocket', asked),
    ).toBe('https://platform.example/standby')
    expect(platformAddressAt('wss://platform.example/socket.io/', asked)).toBe('https://platform.example')
  })

  it('is read against the address asked when the redirect names only a path', () => {
    expect(platformAddressAt('/login?next=%2F', asked)).toBe('http://127.0.0.1:4000/login')
    expect(platformAddressAt('/standby/socket.io/?EIO=4', asked)).toBe('http://127.0.0.1:4000/standby')
  })

  it('is nothing for an address that is not on the web, and never carries a user name or password', () => {
    expect(platformAddressAt('mailto:support@platform.example', asked)).toBeNull()
    expect(platformAddressAt('http://[nope', asked)).toBeNull()
    expect(platformAddressAt('https://ada:secret@platform.example/x', asked)).toBe(
      'https://platform.example/x',
    )
  })

  it('says it was cut when it is too long to tell whole, so a part is never taken for the address', () => {
    const long = `https://platform.example/${'a'.repeat(400)}`
    const told = platformAddressAt(long, asked) ?? ''
    expect(told.length).toBeLessThanOrEqual(200)
    expect(told).toMatch(/^https:\/\/platform\.example\/a+…$/)
    // One that fits is told whole, with nothing added.
    expect(platformAddressAt('https://platform.example/a', asked)).toBe('https://platform.example/a')
  })
})

describe('the platform address a redirect of a sign-in names', () => {
  const info = 'https://platform.example/api/info'

  it('is the address the expert would type: the path asked taken off, only as a whole part of the path', () => {
    expect(addressAt('https://new.example/standby/api/info?x=1', info, '/api/info')).toBe(
      'https://new.example/standby',
    )
    expect(addressAt('https://new.example/api/info/', info, '/api/info')).toBe('https://new.example')
    expect(addressAt('https://new.example/my/api/infos', info, '/api/info')).toBe(
      'https://new.example/my/api/infos',
    )
    expect(addressAt('/collect', info, '/api/info')).toBe('https://platform.example/collect')
  })
})
