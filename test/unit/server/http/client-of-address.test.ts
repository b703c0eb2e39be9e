import { describe, expect, it } from 'vitest'
import { clientOfAddress } from '../../../../server/src/http/http-util'

describe('the client an address stands for', () => {
  it('is an IPv4 address itself, also when Node writes it mapped into IPv6', () => {
    expect(clientOfAddress('192.0.2.7')).toBe('192.0.2.7')
    expect(clientOfAddress('::ffff:192.0.2.7')).toBe('192.0.2.7')
  })

  it('is the /64 of an IPv6 address, however the address is written', () => {
    for (const address of [
      '2001:db8:1:2::a',
      '2001:DB8:1:2:ffff:ffff:ffff:ffff',
      '2001:0db8:0001:0002:0:0:0:1',
      '2001:db8:1:2:0:0:192.0.2.1',
      '2001:db8:1:2::1%eth0',
    ])
      expect(clientOfAddress(address), address).toBe('2001:db8:1:2::/64')
    expect(clientOfAddress('2001:db8::1')).toBe('2001:db8:0:0::/64')
  })

  it('is one client for every address of this machine, which can send from any of 127/8 at will', () => {
    const machine = clientOfAddress('127.0.0.1')
    for (const address of ['127.0.0.2', '127.255.255.254', '::ffff:127.0.0.9', '::1'])
      expect(clientOfAddress(address), address).toBe(machine)
    expect(clientOfAddress('128.0.0.1')).not.toBe(machine)
  })

  it('passes anything else through', () => {
    expect(clientOfAddress('')).toBe('')
    expect(clientOfAddress('not an address')).toBe('not an address')
  })
})
