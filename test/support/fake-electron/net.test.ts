// The fake of `net` must hear redirects as Electron does, or electron-updater's redirect handling
// is tested on a path that Electron never takes.
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { fakeNet } from './net'

describe('the fake net.request', () => {
  /** A request, in `mode`, to a loopback server that redirects it; what it heard, in order. */
  async function redirected(mode: 'follow' | 'manual', abortAtRedirect: boolean): Promise<string[]> {
    const server = createServer((_req, res) => void res.writeHead(302, { location: '/elsewhere' }).end())
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as AddressInfo).port
    const heard: string[] = []
    const request = fakeNet.request({
      protocol: 'http:',
      hostname: '127.0.0.1',
      port,
      path: '/',
      redirect: mode,
    })
    const ended = new Promise<void>((resolve) => request.on('close', resolve))
    request.on('redirect', (_status: number, _method: string, url: string) => {
      heard.push(`redirect ${url}`)
      if (abortAtRedirect) request.abort()
    })
    request.on('response', () => heard.push('response'))
    request.on('error', (error: Error) => heard.push(`error ${error.message}`))
    request.end()
    await ended
    server.close()
    return heard
  }

  it('hears a redirect as Electron does, in either mode, never as a response', async () => {
    for (const mode of ['follow', 'manual'] as const) {
      const heard = await redirected(mode, true)
      expect(heard).toEqual([expect.stringMatching(/^redirect http:\/\/127\.0\.0\.1:\d+\/elsewhere$/)])
    }
  })

  it('fails a redirect nobody aborted at (Electron would follow or cancel it; the fake cannot)', async () => {
    expect((await redirected('manual', false)).at(-1)).toBe('error Redirect was cancelled')
    expect((await redirected('follow', false)).at(-1)).toMatch(/^error fake net.request follows no redirect/)
  })
})

describe('the fake net.request’s answer, destroyed unread', () => {
  it('holds its request open until the request is aborted, as Electron’s loader does', async () => {
    const server = createServer((_req, res) => void res.writeHead(200).write(Buffer.alloc(64 * 1024)))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as AddressInfo).port
    const request = fakeNet.request({ protocol: 'http:', hostname: '127.0.0.1', port, path: '/' })
    const answered = new Promise<IncomingMessage>((resolve) => request.on('response', resolve))
    request.end()
    const response = await answered
    const before = fakeNet.requestsHeldOpen()
    response.destroy()
    expect(fakeNet.requestsHeldOpen()).toBe(before + 1)
    request.abort()
    expect(fakeNet.requestsHeldOpen()).toBe(before)
    server.closeAllConnections()
    server.close()
  })
})

describe('the fake net.request, aborted before its answer', () => {
  it('says abort and close and no error, as Electron’s does', async () => {
    const server = createServer(() => {})
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as AddressInfo).port
    const request = fakeNet.request({ protocol: 'http:', hostname: '127.0.0.1', port, path: '/' })
    const heard: string[] = []
    const reached = new Promise<void>((resolve) => server.on('request', () => resolve()))
    const ended = new Promise<void>((resolve) => request.on('close', resolve))
    for (const event of ['abort', 'error', 'close']) request.on(event, () => heard.push(event))
    request.end()
    await reached
    request.abort()
    await ended
    expect(heard).toEqual(['abort', 'close'])
    server.closeAllConnections()
    server.close()
  })
})
