/**
 * The built renderer's files, answered as plain responses that each host sends its own way: the
 * browser shell over HTTP, Electron through its app protocol. Every response carries the app's
 * Content-Security-Policy. index.html comes with the window's first frame pre-rendered from the
 * app's data when the pre-render is built (see first-frame.ts); the page then fetches that
 * frame's data once, from /first-frame/<id>.json.
 */

/** Frames rendered but not yet fetched; a page fetches its own within moments, so few are kept. */
const UNFETCHED_FRAMES_KEPT = 4
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import { frameIdOfPath, surfaceOf, type FirstFrame, type RenderFirstFrame } from '../../../shared/first-frame'
import { describeAddress } from '../../../shared/describe-untrusted'
import type { AppApi } from '../../core/app-api'
import type { Logger } from '../../core/ports/logger'
import { PRODUCTION_CONTENT_SECURITY_POLICY } from '../content-security-policy'
import { displayOf, pageWithFirstFrame, readFirstFrameData } from './first-frame'
import { errorMessage } from '../../../shared/error-message'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
}

/** A response for the host to send. */
export interface PageResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | Buffer
}

/** What a request for a page asks. */
export interface PageRequest {
  /** The URL's path, still percent-encoded: "/", "/assets/index-abc.js". */
  readonly path: string
  /** The URL's query: "?view=popover" asks for the tray popover. */
  readonly search: string
  /** The locale the page will format in, when the host knows it. */
  readonly locale?: string | undefined
  /** False sends index.html as built, without the first frame (the request did not earn it). */
  readonly firstFrame?: boolean
}

/** Where the files are and what the first frame needs. */
export interface RendererPagesOptions {
  /** The built renderer: out/renderer. */
  readonly rendererDir: string
  /** The loaded pre-render, or null to send index.html as built. */
  readonly renderFirstFrame: RenderFirstFrame | null
  readonly api: AppApi
  /** True for the browser shell, false for Electron. */
  readonly inBrowser: boolean
  readonly log: Logger
}

/** Answers requests for the renderer's files. */
export interface RendererPages {
  answer(request: PageRequest): Promise<PageResponse>
}

/** Serve `rendererDir`; never a file outside it. */
export function createRendererPages(options: RendererPagesOptions): RendererPages {
  const { rendererDir, log } = options
  const root = rendererDir.endsWith(sep) ? rendererDir : rendererDir + sep
  const unfetched = new Map<string, FirstFrame>()

  async function answer(request: PageRequest): Promise<PageResponse> {
    // decodeURIComponent throws on a malformed escape ("/%E0%A4%A"): that is a bad request.
    let path: string
    try {
      path = decodeURIComponent(request.path)
    } catch {
      return plainText(400, 'Bad request: the address is not valid.')
    }
    const frameId = frameIdOfPath(path)
    if (frameId !== null) return frameData(frameId)
    const relative = normalize(path === '/' ? '/index.html' : path).replace(/^([/\\])+/, '')
    const file = join(rendererDir, relative)
    if (!file.startsWith(root) || relative.split(/[/\\]/).includes('..')) return plainText(403, 'Forbidden')
    let body: Buffer
    try {
      body = await readFile(file)
    } catch {
      return plainText(404, `Not found: ${describeAddress(path)}`)
    }
    if (relative === 'index.html') return index(body.toString('utf8'), request)
    return {
      status: 200,
      headers: {
        ...commonHeaders(TYPES[extname(file)] ?? 'application/octet-stream'),
        // Vite names built assets by content hash, so they never change under their URL: cached
        // for good, which also lets Chromium keep their compiled code between loads.
        'cache-control': relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      },
      body,
    }
  }

  async function index(html: string, request: PageRequest): Promise<PageResponse> {
    const page = (body: string): PageResponse => ({
      status: 200,
      // The page holds the expert's data: never kept in a cache.
      headers: { ...commonHeaders(TYPES['.html']!), 'cache-control': 'no-store' },
      body,
    })
    const render = options.renderFirstFrame
    if (render === null || request.firstFrame === false) return page(html)
    try {
      const surface = surfaceOf(request.search)
      const data = await readFirstFrameData(options.api)
      const frame = { ...data, ...displayOf(request.locale), surface, inBrowser: options.inBrowser }
      const markup = render(frame)
      const id = randomBytes(18).toString('base64url')
      unfetched.set(id, frame)
      // Oldest first: a frame no page came for makes room.
      for (const stale of [...unfetched.keys()].slice(0, -UNFETCHED_FRAMES_KEPT)) unfetched.delete(stale)
      return page(pageWithFirstFrame(html, markup, { id, surface }))
    } catch (error) {
      log.warn(
        `The first frame could not be pre-rendered (${errorMessage(error)}); the page renders on its own.`,
      )
      return page(html)
    }
  }

  /** A frame's data, once: the page that was sent it fetches it right after painting. */
  function frameData(id: string): PageResponse {
    const frame = unfetched.get(id)
    if (frame === undefined) {
      return plainText(
        404,
        'This first frame was already fetched or has expired; the page renders on its own.',
      )
    }
    unfetched.delete(id)
    return jsonAnswer(frame)
  }

  return { answer }
}

function commonHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': PRODUCTION_CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    // The browser shell's first address carries its secret until the page removes it.
    'referrer-policy': 'no-referrer',
    // Never inside another site's page, which could lay its own over ours and take the clicks.
    // A header, not the CSP's frame-ancestors, which the CSP's copy in a <meta> could not carry.
    'x-frame-options': 'DENY',
  }
}

/**
 * A refusal or an error as a response, with the headers every page gets: a browser is never to
 * read it as anything but text, whatever a path it echoes holds.
 */
export function plainText(status: number, body: string): PageResponse {
  return {
    status,
    headers: { ...commonHeaders('text/plain; charset=utf-8'), 'cache-control': 'no-store' },
    body,
  }
}

/** `value` as a JSON answer with the headers every page gets; never kept in a cache. */
export function jsonAnswer(value: unknown): PageResponse {
  return {
    status: 200,
    headers: { ...commonHeaders(TYPES['.json']!), 'cache-control': 'no-store' },
    body: JSON.stringify(value),
  }
}
