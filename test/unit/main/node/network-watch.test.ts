import type { networkInterfaces } from 'node:os'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { networkFingerprint, watchNetwork } from '../../../../src/main/node/network-watch'

type Interfaces = ReturnType<typeof networkInterfaces>

const entry = (address: string, internal = false) =>
  ({
    address,
    internal,
    family: 'IPv4',
    netmask: '255.255.255.0',
    mac: '00:00:00:00:00:00',
    cidr: null,
  }) as const

beforeEach(() => void vi.useFakeTimers())
afterEach(() => void vi.useRealTimers())

describe('watching the network in plain Node', () => {
  it('ignores loopback and order, and tells a new address from the old one', () => {
    const wifi: Interfaces = {
      lo: [entry('127.0.0.1', true)],
      wlan0: [entry('192.168.1.20'), entry('fe80::1')],
    }
    const reordered: Interfaces = { wlan0: [entry('fe80::1'), entry('192.168.1.20')] }
    expect(networkFingerprint(wifi)).toBe(networkFingerprint(reordered))
    expect(networkFingerprint(wifi)).not.toBe(networkFingerprint({ eth0: [entry('10.0.0.5')] }))
  })

  it('reports a change of addresses once, and nothing while they stay the same', () => {
    let current: Interfaces = { wlan0: [entry('192.168.1.20')] }
    const changed = vi.fn()
    const stop = watchNetwork(changed, () => current, 1_000)
    vi.advanceTimersByTime(5_000)
    expect(changed).not.toHaveBeenCalled()
    current = { eth0: [entry('10.0.0.5')] }
    vi.advanceTimersByTime(5_000)
    expect(changed).toHaveBeenCalledOnce()
    stop()
    current = {}
    vi.advanceTimersByTime(5_000)
    expect(changed).toHaveBeenCalledOnce()
  })
})
