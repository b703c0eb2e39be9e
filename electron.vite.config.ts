// Build of the three Electron targets: main (ESM, Node), preload (one CommonJS file, sandboxed),
// renderer (React, Chromium). Output goes to out/, which is all electron-builder packages.
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { type Plugin } from 'vite'

/**
 * In development the page comes from Vite's dev server, which needs inline scripts and styles for
 * HMR; the main process sends a dev policy as a header there. The <meta> policy would still block
 * them (both policies apply), so it is dropped from the served page; built pages keep it.
 */
function dropMetaCspInDev(): Plugin {
  return {
    name: 'standby:drop-meta-csp-in-dev',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i, ''),
  }
}

export default defineConfig({
  main: {
    build: {
      // package.json dependencies stay in node_modules, resolved at run time: better-sqlite3's
      // native addon cannot be bundled. electron and Node builtins are always external.
      externalizeDeps: true,
    },
  },
  preload: {
    build: {
      // A sandboxed preload can `require('electron')` and nothing else, and cannot be an ES
      // module, so it is one self-contained CommonJS file: out/preload/index.cjs.
      externalizeDeps: false,
      rolldownOptions: { output: { format: 'cjs' } },
    },
  },
  renderer: {
    plugins: [react(), dropMetaCspInDev()],
    // A smaller bundle is a faster first paint (bench/ui.ts): the window shows in well under
    // half the time when the renderer is minified and free of zod.
    build: { minify: true },
  },
})
