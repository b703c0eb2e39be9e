/**
 * A live session: building context first (not billable), then an explicit Start billing once the
 * client is there, a billing timer, and End with the outcome.
 */
import { useEffect, useId, useRef, useState } from 'react'
import type { Session } from '../../shared/protocol/entities'
import { fromCommand } from '../logic/action-result'
import { billingElsewhere } from '../logic/billing-elsewhere'
import { zoneCity } from '../logic/format'
import { autoCancelNotice } from '../logic/session-timing'
import { sessionCard } from '../store/card-commands'
import { useApi, useAppState, useNow } from '../store/context'
import { ActionButton, ActionError } from './ActionButton'
import { PlatformRefusalNote, usePlatformRefusal } from './PlatformRefusal'
import { TheirWords } from './TheirWords'
import { Attachments } from './Attachments'
import { EndSessionPanel } from './EndSessionPanel'
import { PrivateNote } from './PrivateNote'
import { KindBadge } from './KindBadge'
import { SessionMessages } from './SessionMessages'
import { ClockTime, Elapsed } from './Time'
import { useAction, useCardAction } from './use-action'
import { useSessionFocus } from './use-session-focus'
import { DisclosureButton } from './DisclosureButton'

/** Props of LiveSessionCard. */
export interface LiveSessionCardProps {
  readonly session: Session
  readonly compact?: boolean
}

/** One live session with its controls. */
export function LiveSessionCard({ session, compact = false }: LiveSessionCardProps) {
  const api = useApi()
  const id = useId()
  const [ending, setEnding] = useState(false)
  const [detailsOpen, setDetailsOpen] = useState(false)
  const billable = session.phase === 'billable' && session.billingStartedAt !== null
  const clientHere = session.clientJoinedAt !== null
  const otherBilling = billingElsewhere(useAppState().upcoming, session.id)
  const offline = usePlatformRefusal()
  // Why Start billing is off, said to everyone: the client is not here yet, or another session bills.
  const whyNoBilling = !clientHere
    ? `${id}-waiting`
    : otherBilling !== null
      ? `${id}-other-billing`
      : undefined
  const startBilling = useCardAction(sessionCard(session.id), 'Starting billing…', async () =>
    fromCommand('start billing', await api.sessions.startBilling({ sessionId: session.id })),
  )
  // The room is the platform's page where the client is; the app opens it in the system browser.
  const openRoom = useAction(async () =>
    fromCommand('open the room', await api.sessions.openRoom({ sessionId: session.id })),
  )
  // Start billing goes away once billing runs: its focus moves to what replaced it, the timer.
  const card = useRef<HTMLElement>(null)
  useSessionFocus(card, session)
  const phase = useRef<HTMLDivElement>(null)
  const focusPhase = useRef(false)
  useEffect(() => {
    if (!billable || !focusPhase.current) return
    focusPhase.current = false
    phase.current?.focus()
  }, [billable])

  return (
    <article
      ref={card}
      className={`card live${compact ? ' live-compact' : ''}`}
      aria-labelledby={`${id}-title`}
    >
      <div className="live-top">
        <span className="badge badge-live">
          <span className="live-dot" aria-hidden="true" /> Live
        </span>
        <KindBadge kind={session.kind} quiet />
      </div>
      <h2 id={`${id}-title`} className="live-title">
        <bdi>{session.request.title}</bdi>
      </h2>
      <p className="muted">
        <bdi>{session.client.name}</bdi> · {zoneCity(session.client.timeZone)}
      </p>

      {billable ? (
        <div className="phase phase-billable" ref={phase} tabIndex={-1}>
          <span className="phase-label">Billing</span>
          <span className="timer-big" id={`${id}-billed`}>
            <span className="visually-hidden">Billed time </span>
            <Elapsed from={session.billingStartedAt!} />
          </span>
          <span className="muted">
            since <ClockTime at={session.billingStartedAt!} />
          </span>
        </div>
      ) : (
        <div className="phase phase-context">
          <p className="phase-label">Building context · not billable</p>
          <p className="muted">
            Make sure you can help before you start billing. You joined at{' '}
            {session.expertJoinedAt !== null && <ClockTime at={session.expertJoinedAt} />}.
          </p>
          <ClientPresence session={session} />
        </div>
      )}

      <div className="actions">
        {!billable && (
          <ActionButton
            variant="primary"
            pending={startBilling.pending}
            blockedBy={startBilling.blockedBy}
            pendingLabel="Starting billing…"
            offline={offline}
            disabled={whyNoBilling !== undefined}
            describedBy={whyNoBilling}
            onClick={() => {
              focusPhase.current = true
              void startBilling.run()
            }}
          >
            Start billing
          </ActionButton>
        )}
        {session.roomUrl !== null && (
          <ActionButton
            pending={openRoom.pending}
            pendingLabel="Opening the room…"
            onClick={() => void openRoom.run()}
          >
            Open room
          </ActionButton>
        )}
        {!ending && (
          <button type="button" className="button button-secondary" onClick={() => setEnding(true)}>
            End session…
          </button>
        )}
        {!compact && (
          <DisclosureButton
            className="button button-quiet"
            open={detailsOpen}
            onToggle={() => setDetailsOpen((open) => !open)}
            openLabel="Hide request"
            closedLabel="Show request"
          />
        )}
      </div>
      {!clientHere && !billable && (
        <p className="visually-hidden" id={`${id}-waiting`}>
          Billing can start once the client has joined.
        </p>
      )}
      {clientHere && !billable && otherBilling !== null && (
        <p className="muted" id={`${id}-other-billing`}>
          You are billing “<bdi>{otherBilling.request.title}</bdi>” now: end that session before you start
          billing this one.
        </p>
      )}
      {!billable && whyNoBilling === undefined && <PlatformRefusalNote refusal={offline} />}
      <ActionError message={startBilling.error} />
      <ActionError message={openRoom.error} />
      {!compact && <SessionMessages session={session} />}
      {ending && <EndSessionPanel session={session} onCancel={() => setEnding(false)} />}
      {detailsOpen && (
        <div className="live-details">
          <p className="description-text">{session.request.description}</p>
          <Attachments attachments={session.request.attachments} whole />
        </div>
      )}
      {!compact && <PrivateNote session={session} />}
    </article>
  )
}

function ClientPresence({ session }: { readonly session: Session }) {
  const now = useNow()
  if (session.clientJoinedAt !== null) {
    return (
      <p className="presence presence-here">
        <bdi>{session.client.name}</bdi> joined at <ClockTime at={session.clientJoinedAt} />.
      </p>
    )
  }
  const cancel = autoCancelNotice(session, now)
  return (
    <>
      <p className="presence presence-waiting">
        Waiting for <bdi>{session.client.name}</bdi> to join…
      </p>
      {cancel !== null && (
        <p className="warning-text">
          <TheirWords text={cancel} />
        </p>
      )}
    </>
  )
}
