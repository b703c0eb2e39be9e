/**
 * Where our renderer comes from. IPC sender checks and navigation guards both ask "is this URL
 * our own app?", and they must agree, so the answer lives here once.
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

/** How the window loads the renderer. */
export type RendererEntry =
  { readonly kind: 'url'; readonly url: string } | { readonly kind: 'file'; readonly path: string }

/** Where the renderer is loaded from, and the test for "is this URL our own app". */
export interface AppOrigin {
  /** The electron-vite dev server in development, the built index.html otherwise. */
  readonly entry: RendererEntry
  /** True only for pages of our own renderer: not the web, not other files on disk. */
  isAppUrl(url: string): boolean
}

/** The origin of the dev server when one is given, else the built renderer directory on disk. */
export function createAppOrigin(options: {
  devServerUrl?: string | undefined
  rendererDir: string
}): AppOrigin {
  const { devServerUrl, rendererDir } = options
  if (devServerUrl) {
    const origin = new URL(devServerUrl).origin
    return { entry: { kind: 'url', url: devServerUrl }, isAppUrl: (url) => parse(url)?.origin === origin }
  }
  const dir = resolve(rendererDir)
  // file: URLs all share the opaque origin "null", so the test is "inside our directory";
  // URL parsing first resolves any `..` that could climb out of it.
  const prefix = `${pathToFileURL(dir).href}/`
  return {
    entry: { kind: 'file', path: resolve(dir, 'index.html') },
    isAppUrl: (url) => parse(url)?.href.startsWith(prefix) ?? false,
  }
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}
