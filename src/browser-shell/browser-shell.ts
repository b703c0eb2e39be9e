/**
 * The browser shell: a Node host that runs the same core as the Electron app, with Node adapters,
 * serves the built renderer on loopback and carries the IPC contract over a WebSocket, so the
 * renderer runs unchanged in an ordinary browser. Used where Electron cannot run (an offline
 * machine) and by the end-to-end tests in Chromium.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { join } from 'node:path'
import type { LinkTimings } from '../main/core/connection/platform-link'
import type { Logger } from '../main/core/ports/logger'
import { createNodeAdapters, type NodeAdapters } from '../main/node/adapters'
import { createFileLogger, LOG_FOLDER_NAME, type FileLogger } from '../main/node/file-log'
import type { Runtime } from '../main/node/runtime/start-runtime'
import { firstLanguage, loadFirstFrameRenderer } from '../main/node/renderer-pages/first-frame'
import { createRendererPages, plainText, type PageResponse } from '../main/node/renderer-pages/renderer-pages'
import { headlessHost, startNodeRuntime } from '../main/node/runtime/start-node-runtime'
import { systemClock, type Clock } from '../shared/clock'
import { SECRET_PARAM } from '../shared/ipc/shell-socket'
import { requestTarget } from '../shared/request-target'
import { createRefusalLog } from '../main/core/ipc/refusal-log'
import { closeUnreadAnswers, watchAnswer } from './answer-deadline'
import { answerClientError } from './raw-answer'
import { answerIgnoringUpgrade } from './ignored-upgrade'
import { attachIpcSocket } from './ipc-socket-server'
import { isAddressedTo } from './own-host'
import { refuseConnect } from './refuse-connect'
import { matchesRunSecret, newRunSecret } from './run-secret'
import { createTestHooks } from './test-hooks'
import { errorMessage } from '../shared/error-message'

/** Where and how to run the shell. */
export interface BrowserShellOptions {
  /** Holds the cache, the sign-in (0600), the settings and the log folder. */
  readonly dataDir: string
  /** The built renderer: out/renderer. */
  readonly rendererDir: string
  /**
   * The built first-frame pre-render; defaults to out/first-frame next to the renderer. Null
   * serves index.html as built (the page then renders its first frame itself).
   */
  readonly firstFrameModule?: string | null
  /** Defaults to 0 (a free port) on 127.0.0.1. */
  readonly port?: number
  /** Suggested on the sign-in form: the embedded platform, when one runs. */
  readonly defaultPlatformUrl?: string
  readonly version?: string
  readonly clock?: Clock
  readonly log: Logger
  /** Where notifications are printed, one line each. */
  readonly out: NodeJS.WritableStream | { write(line: string): unknown }
  readonly timings?: Partial<LinkTimings>
  /** How long a request may take to arrive; SHELL_HTTP_TIMEOUTS unless a test shortens them. */
  readonly httpTimeouts?: ShellHttpTimeouts
  /** Times the link's liveness in elapsed time; the system clock unless a test injects one. */
  readonly linkClock?: Clock
  /** This run's secret; random unless a test fixes it. */
  readonly secret?: string
}

/** A running shell. */
export interface BrowserShell {
  /** The address to open, with this run's secret in the query (the page then removes it). */
  readonly url: string
  readonly origin: string
  readonly secret: string
  readonly runtime: Runtime
  readonly adapters: NodeAdapters
  /** The log file, in `<dataDir>/logs`. */
  readonly logPath: string
  close(): Promise<void>
}

/** How long the shell's HTTP server waits for a request to arrive, in milliseconds. */
export interface ShellHttpTimeouts {
  /** For the request line and headers. */
  readonly headersMs: number
  /** For the whole request, its body included. */
  readonly requestMs: number
  /** For the client to take an answer once the shell has written it. */
  readonly answerMs: number
  /** How often connections are checked against the two. */
  readonly checkEveryMs: number
}

/**
 * The page is on this computer and sends each request at once, and reads each answer at once, so
 * a request still arriving, or an answer still not taken, after these is a client holding a
 * connection open (Node's own defaults are sized for the internet, and never time an answer).
 */
export const SHELL_HTTP_TIMEOUTS: ShellHttpTimeouts = {
  headersMs: 10_000,
  requestMs: 20_000,
  answerMs: 30_000,
  checkEveryMs: 1_000,
}

/** Send `page` as the answer to a request (its headers alone for a HEAD). */
function send(res: ServerResponse, page: PageResponse, head: boolean): void {
  res.writeHead(page.status, page.headers)
  res.end(head ? undefined : page.body)
}

/** Start the shell and resolve once it listens. */
export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  // Every line goes to the caller's log and to the log file in the data directory.
  const log = createFileLogger({ dir: join(options.dataDir, LOG_FOLDER_NAME), echo: options.log })
  try {
    return await startShell(options, log)
  } catch (error) {
    // The caller says it to the user; the file keeps it with its stack.
    log.error('The browser shell could not start', error)
    throw error
  }
}

async function startShell(options: BrowserShellOptions, log: FileLogger): Promise<BrowserShell> {
  const secret = options.secret ?? newRunSecret()
  const clock = options.clock ?? systemClock
  const adapters = createNodeAdapters({
    dataDir: options.dataDir,
    out: options.out as { write(line: string): boolean },
    log,
    appVersion: options.version ?? '0.0.0',
    // Elapsed time, like the bursts of opens a page may ask for.
    settingsClock: options.linkClock,
  })
  // Whatever a request or a frame carries costs at most a bounded number of lines.
  const refusals = createRefusalLog(log, systemClock)
  const timeouts = options.httpTimeouts ?? SHELL_HTTP_TIMEOUTS
  const serverOptions = {
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    connectionsCheckingInterval: timeouts.checkEveryMs,
  }
  // Nothing a request carries may take the shell down: a bad one gets 400 and a log line.
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    route(req, res).catch((error: unknown) => {
      refusals.warn(
        `Browser shell refused a malformed request to ${String(req.url).slice(0, 100)}: ${errorMessage(error)}`,
      )
      if (res.headersSent) res.end()
      else send(res, plainText(400, 'Bad request'), req.method === 'HEAD')
    })
  }
  const http = createServer(serverOptions, onRequest)
  closeUnreadAnswers(http, timeouts.answerMs, refusals)
  refuseConnect(http, refusals)
  // A malformed request, or a connection reset before it was read, is that client's problem: it
  // gets an answer where it can still take one, and the shell goes on.
  http.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // Refused already and reading out what still comes: Node's parser, left in error, says so
    // again when the client ends, which is neither a new refusal nor a reason to cut it short.
    if (socket.writableEnded) return
    refusals.warn(`Browser shell refused a malformed HTTP request: ${error.code ?? error.message}`)
    answerClientError(error, socket)
  })
  // Every connection, whatever became of it (an upgrade refused or taken by the IPC socket is no
  // longer the HTTP server's to close), so that closing the shell can end them all.
  const connections = new Set<Socket>()
  http.on('connection', (socket: Socket) => {
    connections.add(socket)
    socket.once('close', () => connections.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    http.once('error', () => adapters.close())
    http.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `The browser shell could not listen on 127.0.0.1:${options.port ?? 0} (${error.code ?? error.message}); choose another port or stop what uses it.`,
          { cause: error },
        ),
      ),
    )
    http.listen(options.port ?? 0, '127.0.0.1', resolve)
  })
  http.on('error', (error) => log.error('Browser shell: the HTTP server failed', error))
  const port = (http.address() as AddressInfo).port
  const origin = `http://127.0.0.1:${port}`

  // The page opens the full view itself; links go to the recording browser, which prints them.
  const runtime = await startNodeRuntime({
    dataDir: options.dataDir,
    adapters,
    clock,
    log,
    timings: options.timings,
    linkClock: options.linkClock,
    host: {
      ...headlessHost(options.version ?? '0.0.0', log, options.defaultPlatformUrl ?? null),
      openExternal: (url) => adapters.browser.open(url),
      calendar: adapters.calendar,
      // A page in a browser cannot be given a folder to open: Settings shows the path.
      logs: { path: log.dir, open: () => Promise.resolve(false), problem: () => log.problem() },
    },
  })
  const firstFrameModule =
    options.firstFrameModule === undefined
      ? join(options.rendererDir, '..', 'first-frame', 'render-first-frame.mjs')
      : options.firstFrameModule
  const pages = createRendererPages({
    rendererDir: options.rendererDir,
    renderFirstFrame: firstFrameModule === null ? null : await loadFirstFrameRenderer(firstFrameModule, log),
    api: runtime.api,
    inBrowser: true,
    log,
  })
  const ipc = attachIpcSocket(http, {
    api: runtime.api,
    origin,
    secret,
    log: refusals,
    // An offer of another protocol (HTTP/2) is answered as the plain request it also is.
    otherUpgrade: (req, socket) =>
      answerIgnoringUpgrade(req, socket, (plain, res) => {
        watchAnswer(plain, res, timeouts.answerMs, refusals)
        onRequest(plain, res)
      }),
  })
  const hooks = createTestHooks(secret, adapters)
  const offs = [runtime.forwardPushes((event, payload) => ipc.push(event, payload))]

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Only requests addressed to this port by its own name, as for the IPC socket.
    const head = req.method === 'HEAD'
    if (!isAddressedTo(req, origin)) return send(res, plainText(421, `Open ${origin} instead.`), head)
    if (await hooks(req, res)) return
    if (req.method !== 'GET' && !head)
      return send(res, plainText(405, 'Standby’s pages are only read.'), head)
    const url = requestTarget(req.url, origin)
    if (url === null) return send(res, plainText(400, 'Bad request: the address is not valid.'), head)
    const page = await pages.answer({
      path: url.pathname,
      search: url.search,
      locale: firstLanguage(req.headers['accept-language']),
      // The first frame holds the expert's data: like every IPC call, only for this run's secret.
      firstFrame: matchesRunSecret(secret, url.searchParams.get(SECRET_PARAM)),
    })
    send(res, page, head)
  }

  return {
    url: `${origin}/?${SECRET_PARAM}=${secret}`,
    origin,
    secret,
    runtime,
    adapters,
    logPath: log.path,
    async close() {
      for (const off of offs) off()
      await ipc.close()
      runtime.close()
      adapters.close()
      refusals.close()
      // The app is quitting: a page still open, a client that stopped halfway through a request
      // or never closes a refused upgrade, must not keep it waiting (close alone waits for them).
      const closed = new Promise<void>((resolve) => http.close(() => resolve()))
      for (const socket of connections) socket.destroy()
      await closed
    },
  }
}
