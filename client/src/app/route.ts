// Which page the learner is on, from the address's hash (so a reload or a shared link lands
// on the same page, and the server serves one index.html):
//   #/                  the catalogue
//   #/play              free play: a sandbox without a lesson
//   #/lessons/<id>      a lesson beside its sandbox
export type Route = { view: 'catalogue' } | { view: 'play' } | { view: 'lesson'; lessonId: string };

const LESSON = /^#\/lessons\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?$/;

export function parseRoute(hash: string): Route {
  if (/^#\/play\/?$/.test(hash)) return { view: 'play' };
  const lesson = LESSON.exec(hash);
  if (lesson) return { view: 'lesson', lessonId: lesson[1]! };
  return { view: 'catalogue' };
}

export function routeHash(route: Route): string {
  switch (route.view) {
    case 'catalogue':
      return '#/';
    case 'play':
      return '#/play';
    case 'lesson':
      return `#/lessons/${route.lessonId}`;
  }
}

/** The lesson a route's sandbox is for (undefined: free play or no sandbox). */
export const routeLesson = (route: Route): string | undefined =>
  route.view === 'lesson' ? route.lessonId : undefined;
