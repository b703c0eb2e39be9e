// The TCP bytes under a TLS connection to the platform, watched as they come (byte-watch-agent.ts):
// TLS reads them when it can, and a platform that sends and then closes the connection must not
// lose what TLS had not read yet when the connection closed.
import { once } from 'node:events'
import type { ClientRequestArgs } from 'node:http'
import { createServer as createHttpsServer, request } from 'node:https'
import { connect, createServer, type AddressInfo, type Socket } from 'node:net'
import { createServer as createTlsServer } from 'node:tls'
import { expect, it } from 'vitest'
import { byteWatchAgent, watchedBytes } from '../../../../src/main/node/byte-watch-agent'
import { useCleanup } from '../../../support/cleanup'
import { TEST_TLS_CERT, TEST_TLS_KEY } from '../../../support/test-tls'

const defer = useCleanup()

it('hands on every byte the platform sent before it closed, to a reader that reads only after the close', async () => {
  // Less than the stream keeps unread: it all comes in, and the connection closes, unread.
  const sent = Buffer.alloc(8 * 1024, 'invite ')
  const server = createServer((socket) => socket.end(sent))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  defer(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const raw: Socket = connect((server.address() as AddressInfo).port, '127.0.0.1')
  let arrived = 0
  const watched = watchedBytes(raw, (bytes) => (arrived += bytes))
  const ending = new Promise<string>((resolve) => {
    watched.once('end', () => resolve('end'))
    watched.once('close', () => resolve('closed before its end'))
  })
  await once(raw, 'close')
  expect(arrived).toBe(sent.length)

  // The reader busy until now, as TLS is while the app works through what it already read.
  const chunks: Buffer[] = []
  watched.on('data', (chunk: Buffer) => chunks.push(chunk))
  expect(await ending).toBe('end')
  expect(Buffer.concat(chunks)).toEqual(sent)
})

it('hands on a whole answer the platform sent over TLS and then closed on, to an app that reads it a chunk at a time', async () => {
  // Far more than every buffer on the way holds: the close comes while TLS still has some unread.
  const sent = Buffer.alloc(4 * 1024 * 1024, 'invite ')
  const server = createHttpsServer({ key: TEST_TLS_KEY, cert: TEST_TLS_CERT }, (_, res) => res.end(sent))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  defer(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const agent = byteWatchAgent(true, () => () => {})
  defer(() => agent.destroy())
  const { port } = server.address() as AddressInfo
  const heard = await new Promise<string>((resolve) => {
    const asked = request({
      host: '127.0.0.1',
      port,
      agent,
      ca: TEST_TLS_CERT,
      headers: { connection: 'close' },
    })
    asked.on('response', (res) => {
      let bytes = 0
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length
        // The app works through each chunk before it takes the next.
        res.pause()
        setImmediate(() => res.resume())
      })
      res.on('end', () => resolve(`all ${bytes} bytes`))
      res.on('error', (error) => resolve(`${error.message} after ${bytes} bytes`))
    })
    asked.on('error', (error) => resolve(error.message))
    asked.end()
  })
  expect(heard).toBe(`all ${sent.length} bytes`)
})

it('closes a TLS connection the platform closed once the app has read its last words, with no error', async () => {
  const server = createTlsServer({ key: TEST_TLS_KEY, cert: TEST_TLS_CERT }, (socket) => socket.end('bye'))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  defer(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const agent = byteWatchAgent(true, () => () => {})
  defer(() => agent.destroy())
  const { port } = server.address() as AddressInfo
  // As the app's WebSocket holds it after the upgrade: no HTTP client left to destroy it at its end.
  const tls = agent.createConnection(
    { host: '127.0.0.1', port, ca: TEST_TLS_CERT } as ClientRequestArgs,
    () => {},
  )
  if (!tls) throw new Error('the agent made no connection')
  const errors: string[] = []
  tls.on('error', (error: Error) => errors.push(error.message))
  const chunks: Buffer[] = []
  tls.on('data', (chunk: Buffer) => chunks.push(chunk))
  // It stayed open for ever, half of it: the stream beneath TLS stays open one way to hand on its
  // last bytes, and TLS took that for leave to stay open after the platform's end.
  await once(tls, 'close')
  expect(Buffer.concat(chunks).toString()).toBe('bye')
  expect(errors).toEqual([])
})
