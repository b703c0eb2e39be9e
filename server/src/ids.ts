/**
 * Identifiers the platform issues: a short prefix that says what it names, the time of issue, then
 * random characters.
 */
import { randomFillSync } from 'node:crypto'

/** Random bytes drawn ahead, a few ids' worth per call into the system's generator. */
const pool = Buffer.alloc(6 * 512)
/** The pool in hex, written once per draw: cutting a tail from it calls into nothing native. */
let poolHex = ''
let taken = pool.length

/** Twelve random hex digits. */
function randomTail(): string {
  if (taken + 6 > pool.length) {
    randomFillSync(pool)
    poolHex = pool.toString('hex')
    taken = 0
  }
  taken += 6
  return poolHex.slice(2 * taken - 12, 2 * taken)
}

/** The time part of the ids issued in the last millisecond seen: ids come in bursts of a fan-out. */
let timeOf = { at: Number.NaN, text: '' }

/** The time of issue in base 36, padded so that ids sort by it. */
function timePart(now: number): string {
  if (timeOf.at !== now) timeOf = { at: now, text: now.toString(36).padStart(9, '0') }
  return timeOf.text
}

/**
 * A fresh id such as "inv_mik3q0x7c3f2a9c1e7b4". The time first keeps ids issued together next to
 * each other in every index on them, so a fan-out's invites share a few index pages instead of
 * dirtying one each; the random tail keeps them unguessable. The tail comes from a pool of random
 * bytes drawn ahead: a UUID per id, cut down to its last group, built a few hundred bytes of
 * short-lived strings each, which in a fan-out brought the next garbage collection closer.
 */
export function newId(prefix: string): string {
  return `${prefix}_${timePart(Date.now())}${randomTail()}`
}
