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
    expect(upcomingButton(200, true)).toEqual({ shown: 'Upcoming200+', read: 'Upcomingmore than 200' })
  })

  it('says more than those listed, as at least one more is booked past them', () => {
    // One of the listed sessions live: the booked ones listed are one fewer, and still a floor.
    expect(upcomingButton(199, true)).toEqual({ shown: 'Upcoming199+', read: 'Upcomingmore than 199' })
  })

  it('gives the bare count when every booked session is listed', () => {
    expect(upcomingButton(200, false)).toEqual({ shown: 'Upcoming200', read: 'Upcoming200' })
    expect(upcomingButton(0, false)).toEqual({ shown: 'Upcoming', read: 'Upcoming' })
  })
})
