// What the server said, in the page's language: its message (a code and parameters) from
// the page's catalogue when it sent one this page knows, else the English text beside it.
import { parseMessage, renderMessage, type MessageCatalogue } from '../../../common/messages';

export function serverWords(catalogue: MessageCatalogue, text: string, message: unknown): string;
export function serverWords(
  catalogue: MessageCatalogue,
  text: string | undefined,
  message: unknown,
): string | undefined;
export function serverWords(
  catalogue: MessageCatalogue,
  text: string | undefined,
  message: unknown,
): string | undefined {
  const parsed = message === undefined ? undefined : parseMessage(message, catalogue);
  return parsed ? renderMessage(catalogue, parsed) : text;
}
