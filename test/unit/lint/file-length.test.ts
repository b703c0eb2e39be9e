import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })

/** Whether lint says the source of `lines` lines at `filePath` is too long. */
async function tooLong(filePath: string, lines: number): Promise<boolean> {
  const code = Array.from({ length: lines }, (_, i) => `export const a${i} = ${i}`).join('\n')
  const [result] = await eslint.lintText(`${code}\n`, { filePath })
  return (result?.messages ?? []).some((m) => m.ruleId === 'max-lines')
}

describe('the length of a source file', () => {
  it('is at most 300 lines in src/ and the reference server, not counting tests', async () => {
    expect(await tooLong('src/main/core/x.ts', 300)).toBe(false)
    expect(await tooLong('src/main/core/x.ts', 301)).toBe(true)
    expect(await tooLong('src/renderer/x.tsx', 301)).toBe(true)
    expect(await tooLong('server/src/x.ts', 301)).toBe(true)
    expect(await tooLong('test/unit/main/x.test.ts', 301)).toBe(false)
  })
})
