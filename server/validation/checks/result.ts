// Building blocks of a check's answer: a message (its code for the page, its English text beside).
import type { CheckResult } from '../../../common/checks.js';
import { messageText } from '../../../common/message-catalogues.js';
import type { Message } from '../../../common/messages.js';

export const pass = (reason: Message): CheckResult => ({
  ok: true,
  reason: messageText(reason),
  message: reason,
});
export const fail = (reason: Message): CheckResult => ({
  ok: false,
  reason: messageText(reason),
  message: reason,
});
