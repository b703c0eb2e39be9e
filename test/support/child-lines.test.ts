import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { useBuiltScript } from './built-script'
import { childLines, LINES_STDIO } from './child-lines'

const LINES = 20_000

describe("a child process's lines", () => {
  const script = useBuiltScript(new URL('./child-lines-burst.ts', import.meta.url))

  it('all reach the test, in order, however much faster the child says them than the test reads', async () => {
    const child = spawn(process.execPath, [script(), String(LINES)], { stdio: LINES_STDIO })
    const heard: string[] = []
    childLines(child).on('line', (line) => heard.push(line))
    const exit = await new Promise<number | null>((resolve) => child.once('close', resolve))
    expect(exit).toBe(0)
    expect(heard).toEqual(Array.from({ length: LINES }, (_, i) => `line ${i + 1}`))
  })
})
