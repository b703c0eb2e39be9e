// Answers written by hand on a raw connection: a client reading them as HTTP gets the status, the
// headers and the whole body, however many bytes its characters take.
import { describe, expect, it } from 'vitest'
import { rawBusyAnswer, rawJsonAnswer } from '../../../../server/src/http/raw-answer'

/** The status line, the headers by name and the body of an answer's text. */
function read(answer: string): { status: string; headers: Map<string, string>; body: string } {
  const [head = '', body = ''] = answer.split('\r\n\r\n')
  const [status = '', ...lines] = head.split('\r\n')
  const headers = new Map(
    lines.map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
  )
  return { status, headers, body }
}

describe('an answer written on a raw connection', () => {
  it('names its status, closes the connection and counts its body in bytes', () => {
    const body = JSON.stringify({ error: { code: 'invalid_payload', message: 'Réponse — ✓' } })
    const answer = read(rawJsonAnswer(408, body, ['cache-control: no-store']))
    expect(answer.status).toBe('HTTP/1.1 408 Request Timeout')
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(answer.headers.get('cache-control')).toBe('no-store')
    expect(answer.headers.get('connection')).toBe('close')
    expect(Number(answer.headers.get('content-length'))).toBe(Buffer.byteLength(body))
    expect(answer.body).toBe(body)
  })

  it('says the platform is busy, why, and when to ask again', () => {
    const answer = read(rawBusyAnswer('Too many at once; try again in a few seconds.'))
    expect(answer.status).toBe('HTTP/1.1 503 Service Unavailable')
    expect(answer.headers.get('retry-after')).toBe('5')
    expect(JSON.parse(answer.body)).toEqual({
      error: { code: 'rate_limited', message: 'Too many at once; try again in a few seconds.' },
    })
  })
})
