// Entry point of the page: registers the custom elements used by index.html.
import './app/playground-app';
