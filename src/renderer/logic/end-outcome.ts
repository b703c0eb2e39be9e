/** Ending a live session: the expert's choice, checked, and what it means for the client. */
import type { Price } from '../../shared/money/money'
import { billedBlocks, clientPays } from '../../shared/money/session-earnings'
import type { Outcome } from '../../shared/protocol/entities'
import { formatAmount, formatDuration } from './format'

/** What the end panel's controls hold. */
export interface EndChoice {
  readonly kind: Outcome['kind']
  /** The discount field as typed. */
  readonly percentText: string
}

/** The outcome to send, or why the choice cannot be sent yet. */
export type CheckedEnd =
  { readonly ok: true; readonly outcome: Outcome } | { readonly ok: false; readonly message: string }

/** Check the choice; a session never billed can only end free. */
export function checkEndChoice(choice: EndChoice, billingStarted: boolean): CheckedEnd {
  if (!billingStarted && choice.kind !== 'free') {
    return { ok: false, message: 'Billing never started, so this session can only end with no charge.' }
  }
  switch (choice.kind) {
    case 'charged':
      return { ok: true, outcome: { kind: 'charged' } }
    case 'free':
      return { ok: true, outcome: { kind: 'free' } }
    case 'discounted': {
      const text = choice.percentText.trim()
      const percent = Number(text)
      if (text === '' || !Number.isInteger(percent) || percent < 1 || percent > 99) {
        return { ok: false, message: 'Enter a discount between 1 and 99 percent.' }
      }
      return { ok: true, outcome: { kind: 'discounted', percent } }
    }
  }
}

/**
 * The confirmation sentence: what the client will pay for the billed time, in money when the
 * session's rate is known (by the platform's own rule, so the preview and the record agree).
 */
export function clientPaysSentence(outcome: Outcome, billedMs: number, rate: Price | null = null): string {
  if (rate !== null) return clientPaysMoneySentence(outcome, billedMs, rate)
  const billed = formatDuration(billedMs)
  switch (outcome.kind) {
    case 'charged':
      return `The client will pay for all ${billed} of billed time.`
    case 'discounted': {
      const paid = formatDuration((billedMs * (100 - outcome.percent)) / 100)
      return `The client will pay ${100 - outcome.percent}% of the billed time: ${paid} of ${billed} (${outcome.percent}% off).`
    }
    case 'free':
      return 'The client will not be charged.'
  }
}

function clientPaysMoneySentence(outcome: Outcome, billedMs: number, rate: Price): string {
  const billed = formatDuration(billedMs)
  const amount = formatAmount(clientPays(outcome, billedMs, rate))
  const blocks = billedBlocks(billedMs)
  const per = `${blocks} started quarter ${blocks === 1 ? 'hour' : 'hours'} at ${formatAmount(rate)}`
  switch (outcome.kind) {
    case 'charged':
      return `The client will pay ${amount} for all ${billed} of billed time (${per}).`
    case 'discounted':
      return `The client will pay ${amount} for ${billed} of billed time: ${per}, ${outcome.percent}% off.`
    case 'free':
      return billedMs > 0
        ? `The client will pay ${amount}: no charge for ${billed} of billed time.`
        : `The client will pay ${amount}: nothing was billed.`
  }
}
