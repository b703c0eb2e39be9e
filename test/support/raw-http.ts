/** HTTP requests written by hand, for what no HTTP client would send. */
import { connect } from 'node:net'

/**
 * Everything the platform sends back to `head` (and `body`) before it closes the connection; the
 * client never closes first, so a request left unanswered would hold the test until it fails.
 */
export function exchange(port: number, head: string, body = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    const socket = connect(port, '127.0.0.1', () => socket.write(`${head}\r\n\r\n${body}`))
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (text += chunk))
    socket.on('error', reject)
    socket.on('close', () => resolve(text))
  })
}

/** The JSON body of an answer sent whole or in one chunk. */
export function jsonOf(answer: string): unknown {
  return JSON.parse(answer.slice(answer.indexOf('{'), answer.lastIndexOf('}') + 1))
}
