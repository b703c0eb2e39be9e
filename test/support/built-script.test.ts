import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { useBuiltScript } from './built-script'

// A folder name Node's own import.meta.url must percent-encode: a space, '#', '%' and non-ASCII.
const ODD = 'a dir #1 %41 é'
const root = mkdtempSync(join(tmpdir(), 'standby-meta-'))
const where = join(root, ODD, 'where.ts')
mkdirSync(join(root, ODD))
writeFileSync(
  where,
  [
    '// A comment naming import.meta.url stays as written.',
    'const meta = import.meta',
    'export const where = {',
    '  url: import.meta.url,',
    '  dirname: import.meta.dirname,',
    '  filename: import.meta.filename,',
    '  viaObject: meta.url,',
    '  doubleQuoted: "import.meta.url",',
    "  singleQuoted: 'import.meta.dirname',",
    '}',
  ].join('\n'),
)
writeFileSync(
  join(root, 'entry.ts'),
  [
    '#!/usr/bin/env node',
    `import { where } from './${ODD}/where.ts'`,
    'console.log(JSON.stringify({ where, entry: import.meta.url }))',
  ].join('\n'),
)
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('a script bundled for a child process', () => {
  const script = useBuiltScript(pathToFileURL(join(root, 'entry.ts')))

  it('gives each module its own import.meta, as Node writes it, and leaves strings naming it as they are', () => {
    const run = spawnSync(process.execPath, [script()], { encoding: 'utf8' })
    expect(run.stderr).toBe('')
    const told = JSON.parse(run.stdout) as unknown
    const rootUrl = `${pathToFileURL(root).href}/`
    const url = `${rootUrl}a%20dir%20%231%20%2541%20%C3%A9/where.ts`
    expect(told).toEqual({
      where: {
        url,
        dirname: join(root, ODD),
        filename: where,
        viaObject: url,
        doubleQuoted: 'import.meta.url',
        singleQuoted: 'import.meta.dirname',
      },
      entry: `${rootUrl}entry.ts`,
    })
  })
})
