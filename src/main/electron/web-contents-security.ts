/**
 * The lockdown of every web contents the app ever has, not only the windows it creates itself:
 * a page could get a guest (a `<webview>`) or another contents created later, and each must be
 * kept on our pages and unable to open windows from the moment it exists.
 */
import type { Event, WebContents } from 'electron'
import { describeAddress } from '../../shared/describe-untrusted'
import { guardNavigation, type NavigationGuardOptions } from './navigation-guard'

/**
 * Guards each web contents as Electron creates it, and refuses every `<webview>`: the app uses
 * none, and a guest page would bring its own preferences and preload. Web Bluetooth's chooser is
 * answered "none": left unanswered, Electron hands the page the first device it finds. A page's
 * `beforeunload` may not refuse to unload: Electron would silently keep its window open (and
 * cancel a quit, a restart to update with it) after telling the app it closes.
 */
export function secureEveryWebContents(
  app: {
    on(event: 'web-contents-created', listener: (event: Event, contents: WebContents) => void): unknown
  },
  options: NavigationGuardOptions,
): void {
  app.on('web-contents-created', (_event, contents) => {
    guardNavigation(contents, options)
    contents.on('will-attach-webview', (event, _preferences, params) => {
      event.preventDefault()
      options.log.warn(`Blocked a webview for ${describeAddress(params.src)}`)
    })
    contents.on('will-prevent-unload', (event) => {
      event.preventDefault()
      options.log.warn('A page kept its window from closing (beforeunload): it is closed all the same.')
    })
    contents.on('select-bluetooth-device', (event, _devices, callback) => {
      event.preventDefault()
      callback('')
      options.log.warn('Refused a page access to a Bluetooth device: Standby uses none.')
    })
  })
}
