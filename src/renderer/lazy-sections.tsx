/**
 * The window's sections that are never its first screen (History, My stats, Settings), each in its
 * own chunk: the code the page parses and runs before it answers input is the code of what it
 * shows first. Each chunk is fetched once the page has answered input, so a later click finds it
 * loaded; one that is not yet there shows a status line until it is.
 */
import { Component, lazy, Suspense, useEffect, type ComponentType, type ReactNode } from 'react'
import { errorMessage } from '../shared/error-message'

type Loader = () => Promise<ComponentType>

const loaders: Loader[] = []
const retries: Array<() => void> = []

/** A component loaded from its own chunk the first time it is rendered, or earlier by `preloadSections`. */
function section(load: () => Promise<ComponentType>): ComponentType {
  let loading: Promise<ComponentType> | undefined
  let failed = false
  const once: Loader = () =>
    (loading ??= load().catch((error: unknown) => {
      failed = true
      throw error
    }))
  const fresh = (): ComponentType => lazy(async () => ({ default: await once() }))
  let current = fresh()
  loaders.push(once)
  // React keeps a lazy component's failure for good, so "Try again" gives a failed section a
  // fresh one that fetches the chunk again. Not on the failure itself: React renders a failed
  // tree once more before showing the error, and a fresh load there would start it all over.
  retries.push(() => {
    if (!failed) return
    failed = false
    loading = undefined
    current = fresh()
  })
  return function Section() {
    const Current = current
    return <Current />
  }
}

/** The History section. */
export const HistoryView = section(async () => (await import('./components/HistoryView')).HistoryView)
/** The My stats section. */
export const StatsView = section(async () => (await import('./components/StatsView')).StatsView)
/** The Settings section. */
export const SettingsView = section(async () => (await import('./components/SettingsView')).SettingsView)

/** Fetch every section's chunk now, so the first click on one does not wait for it. */
export function preloadSections(): void {
  for (const load of loaders)
    load().catch((error: unknown) =>
      console.warn('Standby could not load part of its window ahead of time; it will try when shown.', error),
    )
}

/**
 * Shows `children` once their chunk is in, and calls `onShown` when they are on screen: the moment
 * to move focus into a section, which is not there while its chunk loads. A chunk that cannot be
 * loaded says so in place of the section, with a way to try again.
 */
export function WhenLoaded({
  children,
  onShown,
}: {
  readonly children: ReactNode
  readonly onShown: () => void
}) {
  return (
    <LoadFailure>
      <Suspense
        fallback={
          <p className="loading" role="status">
            Loading…
          </p>
        }
      >
        <Shown onShown={onShown}>{children}</Shown>
      </Suspense>
    </LoadFailure>
  )
}

function Shown({ children, onShown }: { readonly children: ReactNode; readonly onShown: () => void }) {
  // Runs after the children committed: inside Suspense, that is once their chunk arrived, or,
  // over the host's frame, once React took the section over, which it does only after the root
  // has come alive (what the section sets as it mounts, such as text find in page can reach, is
  // not there before). <html data-section="shown"> says so, for tests and a look in DevTools.
  useEffect(() => {
    document.documentElement.dataset['section'] = 'shown'
    onShown()
    return () => {
      delete document.documentElement.dataset['section']
    }
  }, [onShown])
  return children
}

class LoadFailure extends Component<{ readonly children: ReactNode }, { readonly error: string | null }> {
  override state = { error: null as string | null }

  static getDerivedStateFromError(error: unknown): { error: string } {
    return { error: errorMessage(error) }
  }

  private readonly retry = (): void => {
    for (const again of retries) again()
    this.setState({ error: null })
  }

  override render() {
    if (this.state.error === null) return this.props.children
    return (
      <div className="action-error" role="alert">
        <p>
          This part of Standby could not be shown ({this.state.error}). Try again; if it keeps failing,
          reinstall Standby.
        </p>
        <button type="button" onClick={this.retry}>
          Try again
        </button>
      </div>
    )
  }
}
