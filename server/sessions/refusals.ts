// What a session or host that failed says to the learner: always a catalogue message, with
// its English text beside it for logs and older pages.
import type { SessionView } from '../../common/api.js';
import { messageText } from '../../common/message-catalogues.js';
import { message, verbatim, type Message } from '../../common/messages.js';

interface Failure {
  error?: string;
  errorMessage?: Message;
}

/** Why a session in `state` cannot be used. */
export function stateRefusal(state: SessionView['state']): Message {
  if (state === 'failed') return message('session-failed', {});
  if (state === 'starting') return message('session-starting', {});
  return message('session-over', {});
}

/** A failure's words as a message: its catalogue message, or its text as it came. */
export function failureMessage(failure: Failure, fallback: Message): Message {
  return failure.errorMessage ?? (failure.error ? verbatim(failure.error) : fallback);
}

/** A session's failure, from the host that failed to start. */
export function sessionFailure(host: Failure): Required<Failure> {
  const m = failureMessage(host, message('sandbox-not-started', {}));
  return { error: host.error ?? messageText(m), errorMessage: m };
}

/** A host whose sandbox was lost: failed, and why. */
export function lostHost(reason: Message): Required<Failure> & { state: 'failed' } {
  return { state: 'failed', error: messageText(reason), errorMessage: reason };
}
