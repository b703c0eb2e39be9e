/**
 * A TCP proxy on loopback that lets a test say how much of what the platform sends reaches the
 * app, byte for byte: once held, nothing more goes down until the test lets a number of bytes
 * through (one chunk, as a slow link's next bytes come) or releases the rest. What the app sends
 * always goes on. For a message that must arrive cut at a known place, where a trickle's slices
 * come on its own timer.
 */
import { connect, createServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'

/** A running cut proxy to one platform port. */
export interface CutProxy {
  /** `http://127.0.0.1:port` of the proxy. */
  readonly url: string
  /** Hold what the platform sends from now on. */
  hold(): void
  /** Pass on the next `bytes` held as one chunk once they are in; resolves once written. */
  letThrough(bytes: number): Promise<void>
  /**
   * Pass on, as one chunk, the fewest whole TLS records held that come to at least `bytes`, once
   * they are in: a chunk that ends where a record does, so TLS has all of it to read.
   */
  letThroughRecords(bytes: number): Promise<void>
  /** Pass on all that is held and stop holding. */
  release(): void
  /** Send `bytes` to the app as if the platform sent them, ahead of what is held; resolves once written. */
  inject(bytes: Buffer): Promise<void>
  close(): Promise<void>
}

/** Start a cut proxy to `127.0.0.1:targetPort` on a free loopback port. */
export async function startCutProxy(targetPort: number): Promise<CutProxy> {
  const sockets = new Set<Socket>()
  let held: Buffer[] | undefined
  let client: Socket | undefined
  let wanted: { readonly bytes: number; readonly records: boolean; readonly done: () => void } | undefined
  const pass = (): void => {
    const all = Buffer.concat(held ?? [])
    if (wanted === undefined || client === undefined) return
    const bytes = wanted.records ? wholeRecords(all, wanted.bytes) : wanted.bytes
    if (bytes === undefined || all.length < bytes) return
    const { done } = wanted
    wanted = undefined
    held = [all.subarray(bytes)]
    client.write(all.subarray(0, bytes), () => done())
  }
  const server = createServer((app) => {
    const platform = connect(targetPort, '127.0.0.1')
    client = app
    app.setNoDelay(true)
    for (const socket of [app, platform]) {
      sockets.add(socket)
      socket.on('error', () => {})
      socket.on('close', () => [app, platform].forEach((s) => s.destroy()))
    }
    app.pipe(platform)
    platform.on('data', (chunk: Buffer) => {
      if (held === undefined || client !== app) return void app.write(chunk)
      held.push(chunk)
      pass()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hold: () => void (held ??= []),
    letThrough: (bytes) =>
      new Promise((resolve) => {
        wanted = { bytes, records: false, done: resolve }
        pass()
      }),
    letThroughRecords: (bytes) =>
      new Promise((resolve) => {
        wanted = { bytes, records: true, done: resolve }
        pass()
      }),
    release: () => {
      const rest = held
      held = undefined
      if (rest !== undefined && rest.length > 0) client?.write(Buffer.concat(rest))
    },
    inject: (bytes) => new Promise((resolve) => void client?.write(bytes, () => resolve())),
    close: () => {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}

/** The length of the fewest whole TLS records at the start of `held` that come to `atLeast` bytes, once held. */
function wholeRecords(held: Buffer, atLeast: number): number | undefined {
  let end = 0
  while (end < atLeast) {
    // A record's header: its content type, version, then the length of what follows.
    if (held.length < end + 5) return undefined
    end += 5 + held.readUInt16BE(end + 3)
  }
  return held.length >= end ? end : undefined
}
