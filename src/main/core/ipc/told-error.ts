/**
 * A failure whose message is written for the person using Standby (what happened, what to do):
 * answerCall hands it to the window as it is, where any other error becomes "see the log", since
 * a driver's message is not written for anyone.
 */
export class ToldError extends Error {
  override readonly name: string = 'ToldError'

  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
  }
}
