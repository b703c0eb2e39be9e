// Text that keeps its line breaks when stored (descriptions, messages: shared/text-normalise.ts)
// keeps them on screen: HTML would otherwise draw each break as a space.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const stylesheet = readFileSync(join(process.cwd(), 'src/renderer/styles/invites.css'), 'utf8')

/** The declarations of the rules whose selector list names exactly `selector`, joined. */
function ruleOf(selector: string): string {
  return [...stylesheet.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^}]*)\}/g)]
    .filter(([, selectors]) => selectors!.split(',').some((one) => one.trim() === selector))
    .map(([, , declarations]) => declarations)
    .join(';')
}

describe('line breaks a client or the expert typed', () => {
  it('show in a request’s description', () => {
    expect(ruleOf('.description-text')).toMatch(/white-space:\s*pre-line/)
  })

  it('show in a message of a thread', () => {
    expect(ruleOf('.bubble-body')).toMatch(/white-space:\s*pre-line/)
  })
})
