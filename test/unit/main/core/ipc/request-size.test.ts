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

  it('counts what structured clone carries besides JSON: binary data, maps and sets', () => {
    expect(requestSizeRefusal(new Uint8Array(LIMIT + 1), LIMIT)).toBe('too_large')
    expect(requestSizeRefusal(new ArrayBuffer(LIMIT + 1), LIMIT)).toBe('too_large')
    expect(requestSizeRefusal(new Map([['k', 'v'.repeat(LIMIT)]]), LIMIT)).toBe('too_large')
    expect(requestSizeRefusal(new Set(['v'.repeat(LIMIT)]), LIMIT)).toBe('too_large')
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
    expect(requestSizeRefusal(new Set([counted]), 100_000 + LIMIT)).toBe('too_large')
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
