/**
 * The signed-in part of a page, drawn afresh for each expert: what its components hold (a message
 * or note being typed, an error under a button, a command on its way, a focus waiting for its
 * card) is the gone expert's, and goes with them. A notice one of them pushes once its expert is
 * gone (an answer that came after the sign-out) is dropped.
 */
import { useMemo, type ReactNode } from 'react'
import { noticesOfScope } from '../store/notices'
import { ServicesContext, useExpertScope, useServices } from '../store/context'

/** `children` under the services of the current expert scope, keyed by it. */
export function ExpertScope({ children }: { readonly children: ReactNode }) {
  const services = useServices()
  const scope = useExpertScope()
  const scoped = useMemo(
    () => ({ ...services, notices: noticesOfScope(services.notices, services.expertScope, scope) }),
    [services, scope],
  )
  return (
    <ServicesContext key={scope} value={scoped}>
      {children}
    </ServicesContext>
  )
}
