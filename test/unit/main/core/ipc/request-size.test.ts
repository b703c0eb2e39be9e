import { describe, expect, it } from 'vitest'
import { MOST_REQUEST_DEPTH, requestSizeRefusal } from '../../../../../src/main/core/ipc/request-size'

const LIMIT = 1_000

/** The bytes of `value`'s JSON text, as the browser shell measures a call. */
const jsonBytes = (value: unknown): number => new TextEncoder().encode(JSON.stringify(value)).length

describe('a request’s size, told before its schema reads it', () => {
  it('lets through every request whose JSON fits the limit, as the browser shell does', () => {
    /** A string whose JSON is exactly `bytes` long, written in characters of `unit`. */
    const exactly = (unit: string, bytes: number): string =>
      unit.repeat(Math.floor((bytes - 2) / (jsonBytes(unit) - 2)))
    const fitting = [
      undefined,
      null,
      exactly('a', LIMIT),
      exactly('é', LIMIT),
      exactly('😀', LIMIT),
      exactly('"', LIMIT),
      Array.from({ length: (LIMIT - 1) / 2 }, () => 0),
      { limit: 20, filter: { query: exactly('日', LIMIT - 80), kinds: ['instant', 'scheduled'] } },
      Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, [i, true, null]])),
    ]
    for (const value of fitting) {
      expect(jsonBytes(value ?? null)).toBeLessThanOrEqual(LIMIT)
      expect(requestSizeRefusal(value, LIMIT)).toBeNull()
    }
  })

  it('lets through a list of many small lists and objects whose JSON fits, counting each comma once', () => {
    const fitting = [
      Array.from({ length: 200 }, () => [0]),
      Array.from({ length: 90 }, (_, i) => ({ id: `${i % 10}` })),
      [{ a: 1, b: [2, 3], c: { d: 4 } }, ...Array.from({ length: 150 }, () => [1, 2])],
      // JSON leaves out a key whose value is undefined; structured clone carries it.
      {
        filter: 'x'.repeat(LIMIT - 20),
        ...Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`u${i}`, undefined])),
      },
    ]
    for (const value of fitting) {
      expect(jsonBytes(value)).toBeLessThanOrEqual(LIMIT)
      expect(requestSizeRefusal(value, LIMIT)).toBeNull()
    }
  })

  it('refuses a string, an array or an object past the limit', () => {
    expect(requestSizeRefusal('x'.repeat(LIMIT), LIMIT)).toBe('too_large')
    expect(
      requestSizeRefusal(
        Array.from({ length: LIMIT }, () => 0),
        LIMIT,
      ),
    ).toBe('too_large')
    const wide = Object.fromEntries(Array.from({ length: LIMIT / 4 }, (_, i) => [`k${i}`, i]))
    expect(requestSizeRefusal(wide, LIMIT)).toBe('too_large')
    expect(requestSizeRefusal({ a: { b: ['y'.repeat(LIMIT / 2), 'z'.repeat(LIMIT / 2)] } }, LIMIT)).toBe(
      'too_large',
    )
  })

  it('counts what only structured clone carries as its JSON text, refusing exactly past the limit', () => {
    const floats = new Float64Array(120)
    floats[1] = Number.NaN
    floats[2] = -0.125
    const values: unknown[] = [
      new Uint8Array(200).fill(7),
      floats,
      new Int32Array([-1, 2 ** 31 - 1, 0]),
      new DataView(new ArrayBuffer(LIMIT * 2)),
      new ArrayBuffer(LIMIT * 2),
      new Map([['k', 'v'.repeat(LIMIT * 2)]]),
      new Set(['v'.repeat(LIMIT * 2)]),
      /x+/giu,
      Object.assign(new Error('m'.repeat(LIMIT * 2)), { code: 'E_CODE' }),
      new Date(0),
      new Date(Number.NaN),
      new Date(8.64e15),
      [Object('a\n"é😀\u0001'), Object(-0), Object(false), Object(Number.POSITIVE_INFINITY)],
      // A hole, undefined and a function in an array are each written as null.
      [1, , 3, undefined, () => 1, Symbol('s')], // eslint-disable-line no-sparse-arrays
      new Array<unknown>(300),
      { '\u2028key"\\': 'tab\there\ud800', n: -0, nan: Number.NaN, big: 1e21, small: 5e-7 },
    ]
    for (const value of values) {
      const bytes = jsonBytes(value)
      expect(requestSizeRefusal(value, bytes), JSON.stringify(value)).toBeNull()
      expect(requestSizeRefusal(value, bytes - 1), JSON.stringify(value)).toBe('too_large')
    }
  })

  it('lets through several large binary arrays whose JSON fits, as the browser shell would', () => {
    const request = {
      a: new Float64Array(60),
      b: new Float64Array(60),
      c: new DataView(new ArrayBuffer(LIMIT)),
    }
    expect(jsonBytes(request)).toBeLessThanOrEqual(LIMIT)
    expect(requestSizeRefusal(request, LIMIT)).toBeNull()
  })

  it('counts a BigInt, which JSON cannot write, as its digits, without writing a huge one out', () => {
    expect(requestSizeRefusal({ n: 12345678901234567890n }, 26)).toBeNull()
    expect(requestSizeRefusal({ n: 12345678901234567890n }, 25)).toBe('too_large')
    expect(requestSizeRefusal([Object(-5n)], 4)).toBeNull()
    expect(requestSizeRefusal([Object(-5n)], 3)).toBe('too_large')
    expect(requestSizeRefusal(new BigInt64Array([1n, -2n]), 14)).toBeNull()
    expect(requestSizeRefusal(new BigInt64Array([1n, -2n]), 13)).toBe('too_large')
    expect(requestSizeRefusal(1n << 20_000_000n, 1_000_000)).toBe('too_large')
    expect(requestSizeRefusal(-(1n << 3_000_000n), 1_000_000)).toBeNull()
  })

  it('refuses a typed array too long to fit from its length alone', () => {
    // Read element by element, this one would take far longer than the test is given.
    expect(requestSizeRefusal({ data: new Uint8Array(100_000_000) }, 1_000_000)).toBe('too_large')
    expect(requestSizeRefusal([new Uint8Array(200_000)], 1_000_000)).toBe('too_large')
  })

  it('stops reading keys JSON would leave out once they pass the limit', () => {
    let reads = 0
    const target = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`u${i}`, undefined]))
    const counted = new Proxy(target, {
      get: (inner, key, receiver) => {
        reads += 1
        return Reflect.get(inner, key, receiver) as unknown
      },
    })
    expect(requestSizeRefusal({ filter: counted }, 10_000)).toBe('too_large')
    expect(reads).toBeLessThan(10_000)
  })

  it('counts a boxed string, number or boolean as JSON writes it, not as an object of its characters', () => {
    const text = 'a'.repeat(200)
    // JSON writes a String object as its quoted text; read as an object, each character is a key.
    expect(JSON.stringify(Object(text)).length).toBeLessThan(LIMIT)
    expect(requestSizeRefusal({ note: Object(text), n: Object(1), b: Object(true) }, LIMIT)).toBeNull()
    expect(requestSizeRefusal(Object('a'.repeat(LIMIT)), LIMIT)).toBe('too_large')
  })

  it('refuses a sparse array of any length without reading its slots', () => {
    let reads = 0
    const sparse = new Proxy(new Array<unknown>(2 ** 32 - 1), {
      get: (target, key, receiver) => {
        if (key !== 'length') reads += 1
        return Reflect.get(target, key, receiver) as unknown
      },
    })
    expect(requestSizeRefusal({ filter: sparse }, 1_000_000)).toBe('too_large')
    expect(reads).toBe(0)
  })

  it('stops reading a long list at the limit', () => {
    let reads = 0
    const items = Array.from({ length: 100_000 }, () => 'item')
    const counted = new Proxy(items, {
      get: (target, key, receiver) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1
        return Reflect.get(target, key, receiver) as unknown
      },
    })
    expect(requestSizeRefusal([counted], 100_000 + LIMIT)).toBe('too_large')
    expect(reads).toBeLessThan(LIMIT)
  })

  it('refuses nesting deeper than any request of the contract, and a request that holds itself', () => {
    let deep: unknown = 'x'
    for (let i = 0; i < MOST_REQUEST_DEPTH + 1; i++) deep = [deep]
    expect(requestSizeRefusal(deep, 1_000_000)).toBe('too_deep')
    const cycle: Record<string, unknown> = {}
    cycle['self'] = cycle
    expect(requestSizeRefusal(cycle, 1_000_000)).toBe('too_deep')
  })
})
