/**
 * A part of the window React may take over from the host's pre-rendered frame after the rest: a
 * Suspense boundary, which hydration leaves as the host drew it and takes over once the root has
 * committed. So the window answers input sooner, with less to hydrate first; a click or key press
 * inside the part before then makes React take it over at once and replay the event.
 */
import { Suspense, type ReactNode } from 'react'

/** `children`, hydrated after the root commits; rendered as usual when there is nothing to hydrate. */
export function HydrateLater({ children }: { readonly children: ReactNode }) {
  return <Suspense>{children}</Suspense>
}
