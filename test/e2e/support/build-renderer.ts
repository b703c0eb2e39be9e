/** vitest globalSetup for the e2e tests: builds the app once, so every run tests the current source. */
import { buildApp } from '../../../scripts/build-app'

/** `npm run build`: main, preload, renderer and the first-frame pre-render (a few seconds). */
export function setup(): void {
  buildApp(process.cwd())
}
