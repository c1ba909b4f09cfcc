// Errors a learner or operator may see, each saying what went wrong and what fixes it.
import { messageText } from '../common/message-catalogues.js';
import type { Message } from '../common/messages.js';

/**
 * A failure with a message meant for people; `status` is the HTTP status that fits. Given
 * as a Message, it is answered with its code and parameters too, so the page can say it in
 * the learner's language.
 */
export class PlaygroundError extends Error {
  override name = 'PlaygroundError';
  readonly detail: Message | undefined;
  constructor(
    message: string | Message,
    readonly status: number,
  ) {
    super(typeof message === 'string' ? message : messageText(message));
    this.detail = typeof message === 'string' ? undefined : message;
  }
}

/** A failure whose message is for the learner, in any language (English as its text). */
export class LearnerMessageError extends Error {
  constructor(readonly detail: Message) {
    super(messageText(detail));
  }
}

/**
 * A refusal a learner meets (a sandbox, a session, a host): its words come from the catalogue,
 * so the page says them in the learner's language. The parts a learner reaches throw this,
 * never a PlaygroundError with bare English (eslint.config.js holds them to it).
 */
export class LearnerRefusal extends PlaygroundError {
  constructor(message: Message, status: number) {
    super(message, status);
  }
}
