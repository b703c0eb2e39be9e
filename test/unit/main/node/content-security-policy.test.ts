import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  contentSecurityPolicy,
  PRODUCTION_CONTENT_SECURITY_POLICY,
} from '../../../../src/main/node/content-security-policy'

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/)
      return [name, sources]
    }),
  )
}

describe('the content security policy', () => {
  it('is the same in the header and in the <meta> of index.html', () => {
    const html = readFileSync(join(import.meta.dirname, '../../../../src/renderer/index.html'), 'utf8')
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)
    expect(meta?.[1]).toBe(PRODUCTION_CONTENT_SECURITY_POLICY)
  })

  it('allows nothing by default and no inline or eval-ed script in the built app', () => {
    const policy = directives(contentSecurityPolicy())
    expect(policy.get('default-src')).toEqual(["'none'"])
    expect(policy.get('script-src')).toEqual(["'self'"])
    expect(policy.get('object-src')).toEqual(["'none'"])
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-(inline|eval)|\*/)
  })

  it('lets the dev server run HMR, and nothing more', () => {
    const policy = directives(contentSecurityPolicy({ devServerUrl: 'http://localhost:5173/' }))
    expect(policy.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173'])
    expect(policy.get('default-src')).toEqual(["'none'"])
    expect(contentSecurityPolicy({ devServerUrl: 'http://localhost:5173/' })).not.toContain('unsafe-eval')
  })
})
