/** vitest globalSetup for the e2e tests: builds out/renderer once, so every run tests the current source. */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

/** Build main, preload and renderer with electron-vite (about a second). */
export function setup(): void {
  const bin = join(process.cwd(), 'node_modules', '.bin', 'electron-vite')
  try {
    execFileSync(bin, ['build'], { stdio: 'pipe' })
  } catch (error) {
    const output = (error as { stdout?: Buffer; stderr?: Buffer }).stderr?.toString() ?? String(error)
    throw new Error(`electron-vite build failed:\n${output}`, { cause: error })
  }
}
