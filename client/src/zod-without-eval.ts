// Zod compiles its object parsers with `new Function` unless told not to, and first tries
// whether it may: under the page's Content-Security-Policy (no 'unsafe-eval') that try is
// refused and logged as an error on every load. Parsing without compiling is as correct.
// Imported first by main.ts: zod reads the setting when a schema is made, at module load.
import { config } from 'zod';

config({ jitless: true });
