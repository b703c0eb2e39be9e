import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { Sidebar } from '../../../src/renderer/components/Sidebar'

/** What the Upcoming button shows and what a screen reader reads of it. */
function upcomingButton(booked: number, bookedLater: boolean): { shown: string; read: string } {
  const html = renderToStaticMarkup(
    <Sidebar
      view="invites"
      onNavigate={() => undefined}
      openInvites={0}
      liveSessions={0}
      booked={booked}
      bookedLater={bookedLater}
      expert={null}
    />,
  )
  const button = /<button[^>]*nav-upcoming[^>]*>(.*?)<\/button>/.exec(html)?.[1] ?? ''
  const text = (markup: string): string => markup.replace(/<[^>]+>/g, '')
  return {
    shown: text(button.replace(/<span class="visually-hidden">.*?<\/span>/g, '')),
    read: text(button.replace(/<span aria-hidden="true">.*?<\/span>/g, '')),
  }
}

describe('the sidebar’s Upcoming count', () => {
  it('says there are more when more sessions are booked than Upcoming lists', () => {
    expect(upcomingButton(200, true)).toEqual({ shown: 'Upcoming200+', read: 'Upcoming200 or more' })
  })

  it('gives the bare count when every booked session is listed', () => {
    expect(upcomingButton(200, false)).toEqual({ shown: 'Upcoming200', read: 'Upcoming200' })
    expect(upcomingButton(0, false)).toEqual({ shown: 'Upcoming', read: 'Upcoming' })
  })
})
