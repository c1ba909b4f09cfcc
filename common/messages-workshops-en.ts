// The workshops' words in English (server/workshops/): what creating one, a seat, the
// trainer's actions and the live class can refuse. Part of ./messages-en.ts's catalogue;
// ./messages-workshops-id.ts has the same keys.

type P<T> = (p: T) => string;
type Field = { field: string };

export const workshopWords = {
  'workshop-key-needed': (() =>
    "Only this playground's trainers create workshops here: give its workshop key " +
    '(Authorization: Bearer), which its operator has.') as P<object>,
  'workshop-key-wrong': (() => "This is not this playground's workshop key.") as P<object>,
  'workshop-too-long': ((p) =>
    `A workshop may last at most ${p.hours} hours here (an operator's workshop key lifts this).`) as P<{
    hours: number;
  }>,
  'workshops-per-client': ((p) =>
    `This address already has ${p.max} workshops planned or running; end one before creating another.`) as P<{
    max: number;
  }>,
  'workshop-seats-fit': ((p) =>
    `${p.seats} seats do not fit: at that time ${p.fit} more seats fit beside the other workshops, ` +
    'the rest of the playground being kept for free play. Ask for fewer seats, choose another time, ' +
    'or ask the operator (PLAYGROUND_WORKSHOP_SHARE_PERCENT).') as P<{ seats: number; fit: number }>,
  'workshop-over-before-start': (() => '"startsAt": this workshop would be over already.') as P<object>,
  'workshop-too-far': ((p) => `"startsAt": at most ${p.days} days ahead.`) as P<{ days: number }>,
  'lesson-unknown': ((p) => `No lesson "${p.id}".`) as P<{ id: string }>,
  'join-code-none-free': (() => 'No free join code was found; try again.') as P<object>,
  'text-not-string': ((p) => `"${p.field}" must be a string.`) as P<Field>,
  'text-empty': ((p) => `"${p.field}" must not be empty.`) as P<Field>,
  'text-too-long': ((p) => `"${p.field}" must be at most ${p.max} characters.`) as P<{
    field: string;
    max: number;
  }>,
  'text-control': ((p) => `"${p.field}" must not contain control or text-direction characters.`) as P<Field>,
  'workshop-ended': (() => 'This workshop has ended.') as P<object>,
  'workshop-gone': (() => 'This workshop is gone.') as P<object>,
  'workshop-no-sandboxes': (() => 'This playground runs no workshop sandboxes.') as P<object>,
  'trainer-key-needed': (() => "This needs the workshop's trainer key (Authorization: Bearer).") as P<object>,
  'trainer-key-wrong': (() => 'This trainer key does not open this workshop.') as P<object>,
  'seat-gone': (() => 'This seat is gone.') as P<object>,
  'learner-unknown': (() => 'This workshop has no such learner.') as P<object>,
  'learner-no-sandbox': (() => 'This learner has no sandbox yet.') as P<object>,
  'learner-no-session': ((p) => `${p.name} has no sandbox session yet.`) as P<{ name: string }>,
  'extend-learner-max': ((p) => `One learner may be given at most ${p.hours} hours more.`) as P<{
    hours: number;
  }>,
  'extend-workshop-max': ((p) => `A workshop may last at most ${p.hours} hours, extensions included.`) as P<{
    hours: number;
  }>,
  'session-token-needed': (() => 'This needs your session token.') as P<object>,
  'no-workshop-seat': (() => 'This session holds no workshop seat.') as P<object>,
  'seat-not-here': (() => 'This session holds no seat in this workshop.') as P<object>,
  'step-unknown': ((p) => `This session's lesson has no step "${p.step}".`) as P<{ step: string }>,
  'hint-step-unknown': ((p) => `No step "${p.step}" with hints in this workshop.`) as P<{ step: string }>,
  'help-unknown': (() => 'This workshop has no such help request.') as P<object>,
  'no-demo-terminal': (() => 'The trainer has no demo terminal open.') as P<object>,
  'watch-before-typing': (() => "Open one of the learner's terminals before asking to type.") as P<object>,
  'trainer-not-asked': (() => 'The trainer has not asked to type.') as P<object>,
  'class-views-max': ((p) => `This workshop has ${p.max} class views open already; close one.`) as P<{
    max: number;
  }>,
  'help-wait': ((p) => `Too many help requests; try again in ${p.seconds} s.`) as P<{ seconds: number }>,
  'hints-wait': ((p) => `Too many hints opened; try again in ${p.seconds} s.`) as P<{ seconds: number }>,
  'lesson-moves-wait': ((p) => `Too many lesson changes; try again in ${p.seconds} s.`) as P<{
    seconds: number;
  }>,
  'messages-wait': ((p) => `Too many messages; try again in ${p.seconds} s.`) as P<{ seconds: number }>,
  'pushed-hints-wait': ((p) => `Too many hints pushed; try again in ${p.seconds} s.`) as P<{
    seconds: number;
  }>,
} as const;
