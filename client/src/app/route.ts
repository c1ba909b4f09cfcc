// Which page the learner is on, from the address's hash (so a reload or a shared link lands
// on the same page, and the server serves one index.html):
//   #/                     the catalogue
//   #/play                 free play: a sandbox without a lesson
//   #/lessons/<id>         a lesson beside its sandbox
//   #/workshops/new        a trainer creates a workshop
//   #/join/<CODE>?resume=  a learner joins a workshop (or comes back to their seat)
//   #/trainer/<CODE>?key=  the trainer's class view
// A key or resume token in the fragment is kept by the page and taken out of the address.
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '../../../common/workshops';

export type Route =
  | { view: 'catalogue' }
  | { view: 'play' }
  | { view: 'lesson'; lessonId: string }
  | { view: 'workshop-new' }
  | { view: 'join'; code: string; resume?: string }
  | { view: 'trainer'; code: string; key?: string };

const LESSON = /^#\/lessons\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?$/;
const CODE = `([${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}})`;
/** A key or resume token is URL-safe base64 or hex; bounded so a pasted link cannot bloat storage. */
const SECRET = '([A-Za-z0-9_-]{16,128})';
const JOIN = new RegExp(`^#/join/${CODE}/?(?:\\?resume=${SECRET})?$`, 'i');
const TRAINER = new RegExp(`^#/trainer/${CODE}/?(?:\\?key=${SECRET})?$`, 'i');

export function parseRoute(hash: string): Route {
  if (/^#\/play\/?$/.test(hash)) return { view: 'play' };
  if (/^#\/workshops\/new\/?$/.test(hash)) return { view: 'workshop-new' };
  const lesson = LESSON.exec(hash);
  if (lesson) return { view: 'lesson', lessonId: lesson[1]! };
  const join = JOIN.exec(hash);
  if (join) {
    const code = join[1]!.toUpperCase();
    return join[2] ? { view: 'join', code, resume: join[2] } : { view: 'join', code };
  }
  const trainer = TRAINER.exec(hash);
  if (trainer) {
    const code = trainer[1]!.toUpperCase();
    return trainer[2] ? { view: 'trainer', code, key: trainer[2] } : { view: 'trainer', code };
  }
  return { view: 'catalogue' };
}

/** The route's address; a key or resume token is never part of it. */
export function routeHash(route: Route): string {
  switch (route.view) {
    case 'catalogue':
      return '#/';
    case 'play':
      return '#/play';
    case 'lesson':
      return `#/lessons/${route.lessonId}`;
    case 'workshop-new':
      return '#/workshops/new';
    case 'join':
      return `#/join/${route.code}`;
    case 'trainer':
      return `#/trainer/${route.code}`;
  }
}

/** The lesson a route's sandbox is for (undefined: free play or no sandbox). */
export const routeLesson = (route: Route): string | undefined =>
  route.view === 'lesson' ? route.lessonId : undefined;

/** Pages that are not about this browser's sandbox (the catalogue, the workshops' pages). */
export const routeHasSandbox = (route: Route): boolean => route.view === 'lesson' || route.view === 'play';
