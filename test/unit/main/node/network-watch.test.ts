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

describe('a machine whose addresses cannot always be read', () => {
  /** What Node throws when the system will not list the interfaces (uv_interface_addresses). */
  const unreadable = (): never => {
    throw Object.assign(
      new Error('A system error occurred: uv_interface_addresses returned Unknown system error 1'),
      {
        code: 'ERR_SYSTEM_ERROR',
      },
    )
  }

  it('starts all the same when they cannot be read at first, and reports a change once they can be', () => {
    let read: () => Interfaces = unreadable
    const changed = vi.fn()
    const failed = vi.fn()
    const stop = watchNetwork(changed, () => read(), 1_000, failed)
    vi.advanceTimersByTime(3_000)
    read = () => ({ wlan0: [entry('192.168.1.20')] })
    vi.advanceTimersByTime(3_000)
    expect(changed).not.toHaveBeenCalled()
    read = () => ({ eth0: [entry('10.0.0.5')] })
    vi.advanceTimersByTime(1_000)
    expect(changed).toHaveBeenCalledOnce()
    expect(failed).toHaveBeenCalledOnce()
    stop()
  })

  it('goes on watching through reads that fail now and then, said once ever, without counting them as a change', () => {
    let read: () => Interfaces = () => ({ wlan0: [entry('192.168.1.20')] })
    const changed = vi.fn()
    const failed = vi.fn()
    const stop = watchNetwork(changed, () => read(), 1_000, failed)
    read = unreadable
    vi.advanceTimersByTime(5_000)
    read = () => ({ wlan0: [entry('192.168.1.20')] })
    vi.advanceTimersByTime(2_000)
    expect(changed).not.toHaveBeenCalled()
    read = () => ({ eth0: [entry('10.0.0.5')] })
    vi.advanceTimersByTime(1_000)
    expect(changed).toHaveBeenCalledOnce()
    // Failing again later is not said again: a read that flaps must not fill the log.
    read = unreadable
    vi.advanceTimersByTime(3_000)
    expect(failed).toHaveBeenCalledOnce()
    expect(String(failed.mock.calls[0]?.[0])).toContain('uv_interface_addresses')
    stop()
  })
})
