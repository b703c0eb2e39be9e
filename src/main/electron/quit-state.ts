/** Tells "the user closed the window" from "the app is quitting", which look the same to a window. */
import { app } from 'electron'

/** Returns a function that answers whether a quit has begun (tray Quit, Cmd+Q, app.quit()). */
export function trackQuitting(): () => boolean {
  let quitting = false
  app.on('before-quit', () => {
    quitting = true
  })
  return () => quitting
}
