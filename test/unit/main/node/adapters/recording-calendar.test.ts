import { describe, expect, it } from 'vitest'
import { createRecordingCalendar } from '../../../../../src/main/node/adapters/recording-calendar'

describe('the recording calendar', () => {
  it('keeps each file, prints one line, and answers that the page should download it', async () => {
    const lines: string[] = []
    const calendar = createRecordingCalendar({
      out: {
        write: (line: string | Uint8Array) => {
          lines.push(String(line))
          return true
        },
      },
    })
    const file = { fileName: 'standby-session-ses_1.ics', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' }
    expect(await calendar.open(file)).toBe(false)
    expect(calendar.files).toEqual([file])
    expect(lines).toEqual([
      '[calendar] Download standby-session-ses_1.ics from the page to add it to your calendar\n',
    ])
  })
})
