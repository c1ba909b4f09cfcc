// Every language's catalogue of the server's messages, and the English text the server
// sends beside each code (for logs, tools and older pages).
import type { Language } from './lesson.js';
import { enMessages } from './messages-en.js';
import { idMessages } from './messages-id.js';
import { renderMessage, type Message, type MessageCatalogue } from './messages.js';

export const messageCatalogues: Readonly<Record<Language, MessageCatalogue>> = {
  en: enMessages,
  id: idMessages,
};

/** The message in `language` (English by default). */
export const messageText = (m: Message, language: Language = 'en'): string =>
  renderMessage(messageCatalogues[language], m);
