import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const child = fileURLToPath(new URL('../../support/clock-sample-shapes-child.ts', import.meta.url))

describe("the platform clock's samples and V8's shapes", () => {
  // Every read of platform time finds the best sample (bestOffset). Samples shifted by a step of
  // the computer's clock were copies of the sample before, and once V8 had optimized the copy each
  // step made samples of a new shape: the clock's hot functions were thrown out and compiled again
  // at every step, on the CPUs the core's invites wait for.
  it('keeps one shape however many steps shift them', () => {
    const out = execFileSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', child], {
      encoding: 'utf8',
    })
    const { intrinsic, shapes, steps } = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as {
      intrinsic: boolean
      shapes: number
      steps: number
    }
    expect(intrinsic, `V8 in Node ${process.version} no longer compares shapes (%HaveSameMap)`).toBe(true)
    expect(steps).toBeGreaterThan(10)
    expect(shapes).toBe(1)
  })
})
