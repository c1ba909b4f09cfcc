// Errors a learner or operator may see, each saying what went wrong and what fixes it.

/** A failure with a message meant for people; `status` is the HTTP status that fits. */
export class PlaygroundError extends Error {
  override name = 'PlaygroundError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}
