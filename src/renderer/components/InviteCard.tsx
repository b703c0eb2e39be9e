/**
 * One open invite, with everything needed to decide quickly: kind badge, why it came, how long
 * ago and how long it stays open, the request itself (title, description, attachments, client),
 * and the actions: Join (instant) or Book a proposed time (scheduled), Message the client, Decline
 * (with an optional reason). Once its time runs out by the platform's clock it says so and offers
 * none of them, nor a message in its thread: the platform would refuse them, whether or not it has
 * said so yet.
 */
import { memo, useCallback, useId, useRef, useState } from 'react'
import type { DeclineReason, Invite, Session } from '../../shared/protocol/entities'
import { fromCommand } from '../logic/action-result'
import { zoneCity } from '../logic/format'
import { inviteActionLabel, reasonLabel } from '../../shared/labels'
import { THREAD_KEPT_TO_READ } from '../../shared/rules/thread-open'
import { inviteClosesAt } from '../../shared/rules/invite-open'
import { inviteCard } from '../store/card-commands'
import { useApi, useServices } from '../store/context'
import { useNavigate } from '../store/navigation'
import { ActionButton, ActionError } from './ActionButton'
import { DeclineChoice } from './DeclineChoice'
import { KindBadge } from './KindBadge'
import { Attachments } from './Attachments'
import { MessageThread } from './MessageThread'
import { UnreadBadge } from './UnreadBadge'
import { PastWithClient } from './PastWithClient'
import { ProposedTimes } from './ProposedTimes'
import { Ago, ClockTime, Countdown, Waiting } from './Time'
import { useCardAction } from './use-action'
import { useInviteFocus } from './use-invite-focus'
import { useInviteOpen } from './use-invite-open'
import { useThreadFocus } from './use-thread-focus'
import { DisclosureButton } from './DisclosureButton'
import { InviteDescription } from './InviteDescription'
import { PlatformRefusalNote, usePlatformRefusal } from './PlatformRefusal'
import { declinedNotice } from '../logic/declined-notice'

/** Props of InviteCard. */
export interface InviteCardProps {
  readonly invite: Invite
  /** Booked and live sessions, to flag proposed times that overlap them. */
  readonly booked: ReadonlyArray<Session>
  /** The popover's form: no description, attachments or thread. */
  readonly compact?: boolean
}

/**
 * The invite card. Memoized: a push replaces only the invites it changed (the others keep their
 * objects), so a new invite draws its own card, not every open one again.
 */
export const InviteCard = memo(function InviteCard({ invite, booked, compact = false }: InviteCardProps) {
  const api = useApi()
  const { notices } = useServices()
  const navigate = useNavigate()
  const id = useId()
  const { request } = invite
  const [threadOpen, setThreadOpen] = useState(false)
  // The popover's compact card has no thread: a message's press opens the window's card instead.
  const openThread = useCallback(() => {
    if (!compact) setThreadOpen(true)
  }, [compact])
  useThreadFocus({ inviteId: invite.id }, openThread)
  const direct = invite.reason !== 'matched'
  const card = useRef<HTMLElement>(null)
  useInviteFocus(card, invite)
  const open = useInviteOpen(invite)
  const offline = usePlatformRefusal()

  // One of the card's commands at a time: Join (or a Book in ProposedTimes) or Decline.
  const join = useCardAction(inviteCard(invite.id), 'Joining…', async () => {
    const result = fromCommand('join', await api.invites.accept({ inviteId: invite.id, proposedTime: null }))
    if (result.ok) navigate('live')
    return result
  })
  const decline = useCardAction(
    inviteCard(invite.id),
    'Declining…',
    async (reason: DeclineReason | undefined) => {
      const result = fromCommand('decline', await api.invites.decline({ inviteId: invite.id, reason }))
      if (result.ok) notices.push(declinedNotice(request.title, reason, result), 'info')
      return result
    },
  )

  return (
    <article
      ref={card}
      className={`card invite${compact ? ' invite-compact' : ''}`}
      aria-labelledby={`${id}-title`}
      data-focus-home={`invite:${invite.id}`}
    >
      <div className="invite-meta">
        <KindBadge kind={request.kind} />
        <span className={`reason${direct ? ' reason-direct' : ''}`}>{reasonLabel(invite.reason)}</span>
        <UnreadBadge requestId={request.id} />
        <span className="meta-sep" aria-hidden="true" />
        {!compact && (
          <span className="muted">
            Sent <Ago at={invite.sentAt} />
          </span>
        )}
        {open ? (
          <span className="expiry">
            {request.kind === 'instant' ? 'Expires in' : 'Open for'}{' '}
            {/* To when it closes: a scheduled one's last proposed time may come before its expiry. */}
            <Countdown to={inviteClosesAt(invite)} whenDone="moments" />
          </span>
        ) : (
          <span className="expiry">Expired</span>
        )}
      </div>
      <h3 id={`${id}-title`} className="invite-title">
        <bdi>{request.title}</bdi>
      </h3>
      <p className="invite-client muted">
        <bdi>{request.client.name}</bdi> · {zoneCity(request.client.timeZone)} · about{' '}
        {request.expectedDurationMinutes} min
      </p>
      {!compact && <PastWithClient inviteId={invite.id} clientName={request.client.name} />}
      {request.kind === 'instant' && <Waiting sentAt={invite.sentAt} />}
      {!compact && request.description !== '' && <InviteDescription text={request.description} />}
      {!compact && <Attachments attachments={request.attachments} />}
      {request.kind === 'scheduled' && (
        <ProposedTimes invite={invite} booked={booked} compact={compact} bookable={open} offline={offline} />
      )}
      {!open && <ExpiredNote invite={invite} />}
      {open && (
        <div className="actions">
          {request.kind === 'instant' && (
            <ActionButton
              variant="primary"
              pending={join.pending}
              blockedBy={join.blockedBy}
              pendingLabel="Joining…"
              offline={offline}
              label={`${inviteActionLabel('join')} “${request.title}”`}
              onClick={() => void join.run()}
            >
              {inviteActionLabel('join')}
            </ActionButton>
          )}
          {!compact && (
            <DisclosureButton
              className="button button-secondary"
              open={threadOpen}
              controls={`${id}-thread`}
              onToggle={() => setThreadOpen((open) => !open)}
              openLabel="Hide messages"
              closedLabel="Message client"
            />
          )}
          <DeclineChoice
            title={request.title}
            pending={decline.pending}
            blockedBy={decline.blockedBy}
            offline={offline}
            onDecline={(reason) => void decline.run(reason)}
          />
        </div>
      )}
      {open && <PlatformRefusalNote refusal={offline} />}
      <ActionError message={join.error ?? decline.error} />
      {threadOpen && (
        <div id={`${id}-thread`}>
          <MessageThread
            requestId={request.id}
            clientName={request.client.name}
            // A thread left open as the time runs out stays to read. The card already says the
            // invite expired and when, so the thread only says it takes no more messages.
            closedBecause={open ? null : THREAD_KEPT_TO_READ}
          />
        </div>
      )}
    </article>
  )
})

/** What an invite whose time ran out says instead of its actions. */
function ExpiredNote({ invite }: { readonly invite: Invite }) {
  const ranOut = inviteClosesAt(invite)
  const what = invite.request.kind === 'instant' ? 'joined' : 'booked'
  return (
    <p className="invite-expired" role="status">
      This invite expired at <ClockTime at={ranOut} />, so it can no longer be {what}. Missed keeps a record
      of it.
    </p>
  )
}
