// Entry point of the page: registers the custom elements used by index.html.
import './zod-without-eval';
import './app/playground-app';
