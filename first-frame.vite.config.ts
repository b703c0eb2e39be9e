// Builds the host's pre-render of the window's first frame (src/shared/first-frame.ts) for Node:
// one self-contained ES module, out/first-frame/render-first-frame.mjs, that both hosts load.
// Self-contained (React bundled in) so a packaged app needs nothing from node_modules for it.
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [react()],
  // React picks its production build by NODE_ENV, which Node hosts need not set.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: 'src/renderer/first-frame/render-first-frame.tsx',
    outDir: 'out/first-frame',
    emptyOutDir: true,
    rolldownOptions: { output: { entryFileNames: 'render-first-frame.mjs', format: 'es' } },
  },
})
