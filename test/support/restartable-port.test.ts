import { expect, it } from 'vitest'
import { ephemeralLow, restartablePort } from './restartable-port'

it('never hands a test platform a port fetch and browsers refuse, such as 10080', () => {
  const span = ephemeralLow() - 10_000
  // The first draw lands on 10080 exactly; the next one on a port anything connects to.
  const draws = [(10_080 - 10_000 + 0.5) / span, 0.5]
  const port = restartablePort(() => draws.shift() ?? 0.5)
  expect(port).not.toBe(10_080)
  expect(draws).toHaveLength(0)
})
