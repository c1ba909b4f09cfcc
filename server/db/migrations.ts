// The database's schema, as an ordered list of numbered steps. A step is never edited once
// released: a change is a new step at the end. `PRAGMA user_version` records the last step
// applied (database.ts applies the missing ones at open, all in one transaction).

export interface Migration {
  /** 1, 2, 3, ...: a step's number is its position in the list. */
  version: number;
  /** What the step does, for the log. */
  name: string;
  sql: string;
}

/**
 * Times are milliseconds since the epoch (INTEGER); secrets are stored only as the hex
 * SHA-256 of the value handed out (server/sessions/tokens.ts). Tables are STRICT: a value of
 * the wrong type is refused rather than stored.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'lesson progress per session',
    sql: `
      CREATE TABLE lesson_progress (
        session_id TEXT PRIMARY KEY,
        progress TEXT NOT NULL, -- JSON: common/events.ts LessonProgress
        updated_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: 'workshops, their lessons, learners, help requests and step results',
    sql: `
      CREATE TABLE workshops (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL,
        trainer_key_hash TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        language TEXT NOT NULL CHECK (language IN ('en', 'id')),
        seats INTEGER NOT NULL CHECK (seats > 0),
        starts_at INTEGER NOT NULL,
        -- Extending the whole workshop adds to it.
        duration_ms INTEGER NOT NULL CHECK (duration_ms > 0),
        created_at INTEGER NOT NULL,
        -- Set by the trainer's end; results outlive it, sandboxes do not.
        ended_at INTEGER,
        -- The trainer's own sandbox session, once started.
        trainer_session_id TEXT
      ) STRICT;
      -- A join code names one live workshop; an ended workshop's code may come back.
      CREATE UNIQUE INDEX workshops_live_code ON workshops (code) WHERE ended_at IS NULL;
      CREATE INDEX workshops_code ON workshops (code);

      -- The lessons in order; none is free play.
      CREATE TABLE workshop_lessons (
        workshop_id INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        lesson_id TEXT NOT NULL,
        PRIMARY KEY (workshop_id, position)
      ) STRICT;

      -- One row per taken seat.
      CREATE TABLE learners (
        id TEXT PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
        seat INTEGER NOT NULL CHECK (seat > 0),
        name TEXT NOT NULL,
        joined_at INTEGER NOT NULL,
        resume_token_hash TEXT NOT NULL UNIQUE,
        -- The sandbox session of the seat, once one is assigned.
        session_id TEXT UNIQUE,
        -- Time added for this learner alone, beyond the workshop's end.
        extended_ms INTEGER NOT NULL DEFAULT 0,
        last_seen_at INTEGER,
        UNIQUE (workshop_id, seat)
      ) STRICT;

      CREATE TABLE help_requests (
        id INTEGER PRIMARY KEY,
        learner_id TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
        text TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        resolved_at INTEGER
      ) STRICT;
      CREATE INDEX help_requests_learner ON help_requests (learner_id, resolved_at);

      -- Per learner and step: what the results export and the class grid are built from.
      CREATE TABLE step_results (
        learner_id TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
        lesson_id TEXT NOT NULL,
        step_id TEXT NOT NULL,
        started_at INTEGER,
        done_at INTEGER,
        failed_checks INTEGER NOT NULL DEFAULT 0,
        hints_used INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (learner_id, lesson_id, step_id)
      ) STRICT;
    `,
  },
  {
    version: 3,
    name: "how help requests closed, one open per learner, and trainers' messages",
    sql: `
      -- Who closed a help request: the trainer answered it, or the learner withdrew it.
      ALTER TABLE help_requests ADD COLUMN closed_by TEXT CHECK (closed_by IN ('learner', 'trainer'));
      -- A learner has at most one open request: asking again while one is open updates it.
      CREATE UNIQUE INDEX help_requests_open ON help_requests (learner_id) WHERE resolved_at IS NULL;

      -- What a trainer sent: to one learner, or to everyone (learner_id NULL).
      CREATE TABLE workshop_messages (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
        learner_id TEXT REFERENCES learners (id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        sent_at INTEGER NOT NULL,
        -- How many learners' sessions it reached when sent.
        delivered INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX workshop_messages_workshop ON workshop_messages (workshop_id, sent_at);
    `,
  },
  {
    version: 4,
    name: 'session leases (claimed warm sessions, extended expiries) and sealed seat tokens',
    sql: `
      -- A session handed out from a warm pool, or whose end moved: the engine's label holds
      -- what it was started with, this row what holds now. An unclaimed warm session has none.
      CREATE TABLE session_leases (
        session_id TEXT PRIMARY KEY,
        client TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT;
      -- The seat's session token, sealed with a key only the learner's resume token gives
      -- (server/workshops/seal.ts): rejoining on another device opens it, the file alone does not.
      ALTER TABLE learners ADD COLUMN session_token_sealed TEXT;
    `,
  },
  {
    version: 5,
    name: "a learner's own extension of their session",
    sql: `
      -- The learner extended the session (once): a restarted server must not offer it again.
      ALTER TABLE session_leases ADD COLUMN extended INTEGER NOT NULL DEFAULT 0 CHECK (extended IN (0, 1));
      `,
  },
  {
    version: 6,
    name: "a workshop's creator, for the bound on live workshops per address",
    sql: `
      -- The creating client's key (an IPv4 address or an IPv6 /64, server/http/client-address.ts);
      -- NULL for workshops made before this step.
      ALTER TABLE workshops ADD COLUMN creator TEXT;
      CREATE INDEX workshops_creator ON workshops (creator) WHERE ended_at IS NULL;
      `,
  },
  {
    version: 7,
    name: 'a session moves between lessons: its lease names the lesson, progress is kept per lesson',
    sql: `
      -- A workshop's learner moves on to the next lesson in the same sandbox: the label names
      -- the lesson the session started with, this column the one it holds now (NULL: the label's).
      ALTER TABLE session_leases ADD COLUMN lesson_id TEXT;
      -- One row per session and lesson, so moving back finds the steps done before.
      CREATE TABLE lesson_progress_by_lesson (
        session_id TEXT NOT NULL,
        lesson_id TEXT NOT NULL,
        progress TEXT NOT NULL, -- JSON: common/events.ts LessonProgress
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (session_id, lesson_id)
      ) STRICT;
      INSERT INTO lesson_progress_by_lesson
        SELECT session_id,
               COALESCE(CASE WHEN json_valid(progress) THEN json_extract(progress, '$.lessonId') END, ''),
               progress, updated_at
        FROM lesson_progress;
      DROP TABLE lesson_progress;
      ALTER TABLE lesson_progress_by_lesson RENAME TO lesson_progress;
    `,
  },
];
