/**
 * The host's time zone for one test: Node reads process.env.TZ again when it is set, so a test can
 * move the host as the OS would; the zone before the describe block is put back after each test.
 */
import { afterEach } from 'vitest'

/** Registers the put-back in the calling describe block; returns the setter. */
export function useHostZone(): (timeZone: string) => void {
  const zone = process.env['TZ']
  afterEach(() => {
    if (zone === undefined) delete process.env['TZ']
    else process.env['TZ'] = zone
  })
  return (timeZone) => {
    process.env['TZ'] = timeZone
  }
}
