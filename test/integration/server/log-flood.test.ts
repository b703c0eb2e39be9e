import { describe, expect, it } from 'vitest'
import { defaultLogBound } from '../../../server/src/log-bound'
import { ROOMS_PATH } from '../../../server/src/room/room-link'
import { useTestPlatform } from '../../support/test-platform'

describe('a client repeating a refused request', () => {
  const platform = useTestPlatform()

  it('cannot flood the log: each refusal is written a bounded number of times, then counted', async () => {
    const tries = defaultLogBound.linesPerMessage * 3
    for (let i = 0; i < tries; i++) {
      const res = await fetch(`${platform().server.url}${ROOMS_PATH}guess-${i}?key=nope`)
      expect(res.status).toBe(404)
      await res.text()
    }
    const refusals = () => platform().logger.lines.filter((l) => l.includes('room link refused'))
    expect(refusals()).toHaveLength(defaultLogBound.linesPerMessage)
    platform().clock.advance(defaultLogBound.windowMs)
    expect(refusals().at(-1)).toContain(
      `${tries - defaultLogBound.linesPerMessage} more such lines were left out`,
    )
  })
})
