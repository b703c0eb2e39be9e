// The availability form shows the expert's availability as it is: a busy or an offline the expert
// cannot pick here is no choice of the form's, least of all "Away", which a press of
// "Set availability" would then make the expert's own for after the session too.
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { AvailabilityForm } from '../../../src/renderer/components/AvailabilityForm'
import { frameServices } from '../../../src/renderer/first-frame/frame-services'
import { ServicesContext } from '../../../src/renderer/store/context'
import type { Expert } from '../../../src/shared/protocol'
import { aFirstFrame, anExpert } from '../../support/fixtures'

function formOf(expert: Expert): string {
  const services = frameServices(aFirstFrame({ expert }))
  return renderToStaticMarkup(
    <ServicesContext value={services}>
      <AvailabilityForm expert={expert} />
    </ServicesContext>,
  )
}

/** The titles of the radios checked. */
const checkedChoices = (html: string): ReadonlyArray<string> =>
  [...html.matchAll(/<input type="radio"[^>]*checked=""[^>]*\/?>\s*<span><strong>([^<]+)</g)].map(
    (m) => m[1]!,
  )

const submitTag = (html: string): string => /<button[^>]*type="submit"[^>]*>/.exec(html)![0]

describe('the availability form', () => {
  it('checks the choice that is the availability now', () => {
    expect(checkedChoices(formOf(anExpert({ availability: 'online' })))).toEqual(['Online'])
    expect(checkedChoices(formOf(anExpert({ availability: 'away' })))).toEqual(['Away'])
  })

  it('checks no choice while a live session keeps the expert busy, and says how busy ends', () => {
    const html = formOf(anExpert({ availability: 'busy', availabilityCause: 'session' }))
    expect(html).toContain('Busy — in a session')
    expect(checkedChoices(html)).toEqual([])
    const submit = submitTag(html)
    expect(submit).toMatch(/ disabled=""/)
    const described = /aria-describedby="([^"]+)"/.exec(submit)?.[1]
    expect(described).toBeDefined()
    expect(html).toMatch(new RegExp(`id="${described}"[^>]*>[^<]*when the session ends`))
  })

  it('checks no choice while the platform has the expert offline', () => {
    const html = formOf(anExpert({ availability: 'offline' }))
    expect(checkedChoices(html)).toEqual([])
    expect(submitTag(html)).toMatch(/ disabled=""/)
  })
})
