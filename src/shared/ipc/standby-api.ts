/**
 * `window.standby`: the renderer's whole view of the main process, derived from the IPC contract.
 * `app.getInfo` becomes `standby.app.getInfo()`, and the push event `cache.changed` becomes
 * `standby.cache.onChanged(listener)`. The type and the builder live side by side so the
 * runtime object cannot drift from the type; any carrier of the contract (Electron IPC in the
 * preload, a WebSocket in the browser shell) plugs in as a `StandbyTransport`.
 */
import type { Unsubscribe } from '../listeners'
import { INVOKE_CHANNELS, PUSH_EVENTS } from './channel-names'
import {
  type InvokeChannel,
  type InvokeRequestInput,
  type InvokeResponse,
  type PushEvent,
  type PushPayload,
} from './contract'
import { type IpcResult } from './result'
import { notCarriedOut } from './call-phrases'
import { errorMessage } from '../error-message'

type NamespaceOf<K extends string> = K extends `${infer N}.${string}` ? N : never
type MethodOf<K extends string> = K extends `${string}.${infer M}` ? M : never
type ListenerNameOf<K extends string> = `on${Capitalize<MethodOf<K>>}`

// A call whose request is void takes no argument at all, so `getInfo()` reads naturally.
type RequestArgs<C extends InvokeChannel> = [InvokeRequestInput<C>] extends [void | undefined]
  ? []
  : [request: InvokeRequestInput<C>]

/** One namespace of `window.standby`, e.g. `standby.app`. */
export type StandbyNamespace<N extends string> = {
  readonly [C in InvokeChannel as NamespaceOf<C> extends N ? MethodOf<C> : never]: (
    ...args: RequestArgs<C>
  ) => Promise<IpcResult<InvokeResponse<C>>>
} & {
  readonly [E in PushEvent as NamespaceOf<E> extends N ? ListenerNameOf<E> : never]: (
    listener: (payload: PushPayload<E>) => void,
  ) => Unsubscribe
}

/** The type of `window.standby`. */
export type StandbyApi = {
  readonly [N in NamespaceOf<InvokeChannel | PushEvent>]: StandbyNamespace<N>
}

/** What carries the contract between the renderer and the main process. */
export interface StandbyTransport {
  /** Send a request and wait for its answer. May reject if the carrier breaks. */
  invoke<C extends InvokeChannel>(
    channel: C,
    request: InvokeRequestInput<C>,
  ): Promise<IpcResult<InvokeResponse<C>>>
  /** Deliver every payload of one event to the listener until unsubscribed. */
  subscribe<E extends PushEvent>(event: E, listener: (payload: PushPayload<E>) => void): Unsubscribe
}

/** Build `window.standby` from the contract's channel lists over the given transport. */
export function buildStandbyApi(transport: StandbyTransport): StandbyApi {
  const api: Record<string, Record<string, unknown>> = {}
  const namespace = (name: string): Record<string, unknown> => (api[name] ??= {})

  for (const channel of INVOKE_CHANNELS) {
    const [name, method] = splitKey(channel)
    // A rejected invoke (no handler, broken channel) becomes an error value, so callers only
    // ever branch on `ok` and never need a try/catch around an IPC call.
    namespace(name)[method] = (request?: InvokeRequestInput<typeof channel>) =>
      transport.invoke(channel, request as InvokeRequestInput<typeof channel>).catch((error: unknown) => {
        // The channel and the carrier's own words are for maintainers; the expert reads what
        // they asked for was not done.
        console.warn(`Standby: ${channel} did not reach the app: ${errorMessage(error)}`)
        return notCarriedOut(
          channel,
          'the window could not reach Standby. Try again; if it keeps failing, restart Standby.',
        )
      })
  }
  for (const event of PUSH_EVENTS) {
    const [name, method] = splitKey(event)
    const listenerName = `on${method.charAt(0).toUpperCase()}${method.slice(1)}`
    namespace(name)[listenerName] = (listener: (payload: PushPayload<typeof event>) => void): Unsubscribe => {
      // A page script may pass anything: refused here, where its mistake is, rather than failing
      // at every push, far from it.
      if (typeof listener !== 'function')
        throw new TypeError(`standby.${name}.${listenerName} takes a function, not ${typeof listener}`)
      return transport.subscribe(event, listener)
    }
  }
  // The loops above build exactly the mapped type from the same keys; the preload test pins it.
  return api as unknown as StandbyApi
}

function splitKey(key: string): [namespace: string, method: string] {
  const dot = key.indexOf('.')
  return [key.slice(0, dot), key.slice(dot + 1)]
}
