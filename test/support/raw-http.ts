/** HTTP requests written by hand, for what no HTTP client would send. */
import { connect } from 'node:net'

/**
 * Everything the platform sends back to `head` (and `body`) before it closes the connection; the
 * client never closes first, so a request left unanswered would hold the test until it fails.
 */
export function exchange(port: number, head: string, body = ''): Promise<string> {
  return rawExchange(`http://127.0.0.1:${port}`, `${head}\r\n\r\n${body}`)
}

/**
 * Everything a server at `origin` (http://host:port) sends back to `text`, written as it is (an
 * unfinished head too), before it closes the connection.
 */
export function rawExchange(origin: string, text: string): Promise<string> {
  const { hostname, port } = new URL(origin)
  return new Promise((resolve, reject) => {
    let heard = ''
    const socket = connect(Number(port), hostname, () => socket.write(text))
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (heard += chunk))
    socket.once('error', reject)
    socket.once('close', () => resolve(heard))
  })
}

/** The JSON body of an answer sent whole or in one chunk. */
export function jsonOf(answer: string): unknown {
  return JSON.parse(answer.slice(answer.indexOf('{'), answer.lastIndexOf('}') + 1))
}

/** What a client that went on sending after the answer heard, and the errors its socket met. */
export interface StillSendingExchange {
  readonly heard: string
  readonly errors: ReadonlyArray<string>
}

/**
 * Writes `text` to the server at `origin`, and once the answer begins goes on writing: `rest`,
 * then `rest` again as it ends its side (more of the request, as a client sending a request in
 * pieces would); resolves when the connection has closed. A server that destroys the connection as
 * soon as its answer is out resets it under those writes: the errors say so.
 */
export function exchangeStillSending(
  origin: string,
  text: string,
  rest: string,
): Promise<StillSendingExchange> {
  const { hostname, port } = new URL(origin)
  return new Promise((resolve) => {
    const errors: string[] = []
    let heard = ''
    const socket = connect(Number(port), hostname, () => socket.write(text))
    socket.setEncoding('utf8')
    socket.on('error', (error: NodeJS.ErrnoException) => errors.push(error.code ?? error.message))
    socket.on('data', (chunk: string) => {
      if (heard === '') setImmediate(() => socket.write(rest, () => socket.end(rest)))
      heard += chunk
    })
    socket.once('close', () => resolve({ heard, errors }))
  })
}
