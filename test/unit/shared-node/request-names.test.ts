import { describe, expect, it } from 'vitest'
import { addressedOnlyTo, headerLines } from '../../../src/shared-node/request-names'

/** A request as Node hands it over: `lines` as sent, the first Host kept in `headers`. */
function request(url: string, lines: ReadonlyArray<[string, string]>) {
  const host = lines.find(([name]) => name.toLowerCase() === 'host')?.[1]
  return { url, rawHeaders: lines.flat(), headers: host === undefined ? {} : { host } }
}

const ownOnly = (host: string | undefined): boolean => host === '127.0.0.1:5173'

describe('the names a request is addressed to', () => {
  it('are its own when its one Host, and any whole URL in its request line, name it', () => {
    expect(addressedOnlyTo(request('/', [['Host', '127.0.0.1:5173']]), ownOnly)).toBe(true)
    expect(addressedOnlyTo(request('http://127.0.0.1:5173/x', [['host', '127.0.0.1:5173']]), ownOnly)).toBe(
      true,
    )
  })

  it('are not when a second Host, a whole URL of another host (or hiding it behind a user name, or spelt otherwise), or no Host names something else', () => {
    const refused = [
      request('/', [
        ['Host', '127.0.0.1:5173'],
        ['HOST', 'evil.example'],
      ]),
      request('/', [
        ['Host', '127.0.0.1:5173'],
        ['Host', '127.0.0.1:5173'],
      ]),
      request('http://evil.example/', [['Host', '127.0.0.1:5173']]),
      request('HTTP://evil.example/', [['Host', '127.0.0.1:5173']]),
      request('ws://[::1]:5173/', [['Host', '127.0.0.1:5173']]),
      request('http://%zz/', [['Host', '127.0.0.1:5173']]),
      request('http://evil.example@127.0.0.1:5173/', [['Host', '127.0.0.1:5173']]),
      request('http://@127.0.0.1:5173/', [['Host', '127.0.0.1:5173']]),
      request('http://127.1:5173/', [['Host', '127.0.0.1:5173']]),
      request('http://127.0.0.1:05173/', [['Host', '127.0.0.1:5173']]),
      request('/', []),
      request('/', [['Host', 'evil.example']]),
    ]
    for (const req of refused) expect(addressedOnlyTo(req, ownOnly), JSON.stringify(req)).toBe(false)
  })

  it('lists every line of a header as sent, in any case of its name', () => {
    const req = request('/', [
      ['Authorization', 'a'],
      ['x', 'y'],
      ['authorization', 'b'],
    ])
    expect(headerLines(req, /^authorization$/i)).toHaveLength(2)
  })
})
