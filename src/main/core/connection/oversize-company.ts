/**
 * A message over the size limit closes the connection before it is read, failing every question
 * awaited on it as AnswerTooLarge: it may have been the answer to any of them, or a push. The
 * questions awaited beside each are named in its AnswerTooLarge, so a command met by it while a
 * replay was awaited (the catch-up after a push too large meets that push again) is not taken to
 * have met its own answer.
 */
import { AnswerTooLarge, type LinkConnection } from '../ports/link-transport'

/** One question awaited, and the others awaited beside it and not answered since. */
interface Awaited {
  readonly name: string
  readonly beside: Set<Awaited>
}

/** `connection`, whose questions failed by a message too large name the others it may have answered. */
export function namingOversizeCompany(connection: LinkConnection): LinkConnection {
  const awaited = new Set<Awaited>()
  /** Answered, or failed for a reason of its own: it is no longer a question a message could answer. */
  const settled = (question: Awaited): void => {
    awaited.delete(question)
    for (const other of question.beside) other.beside.delete(question)
  }
  return {
    connect: () => connection.connect(),
    disconnect: () => connection.disconnect(),
    request: (name, payload, abandon) => {
      const question: Awaited = { name, beside: new Set(awaited) }
      for (const other of awaited) other.beside.add(question)
      awaited.add(question)
      return connection.request(name, payload, abandon).then(
        (answer) => {
          settled(question)
          return answer
        },
        (error: unknown) => {
          if (!(error instanceof AnswerTooLarge)) {
            settled(question)
            throw error
          }
          // Kept beside the others the same message failed, whose own failures are read after this.
          awaited.delete(question)
          throw new AnswerTooLarge(
            error.message,
            [...question.beside].map((other) => other.name),
          )
        },
      )
    },
    ...(connection.lookingUp !== undefined && { lookingUp: () => connection.lookingUp!() }),
  }
}
