// The part of better-sqlite3's API the playground uses (the package ships no types, and
// @types/better-sqlite3 is not a dependency). Add to it as more of the API is used.
declare module 'better-sqlite3' {
  namespace Database {
    /** What a run of a writing statement changed. */
    interface RunResult {
      changes: number;
      lastInsertRowid: number | bigint;
    }

    /** A prepared statement; parameters are positional values or one object of named ones. */
    interface Statement<Row = unknown> {
      run(...params: unknown[]): RunResult;
      get(...params: unknown[]): Row | undefined;
      all(...params: unknown[]): Row[];
    }

    /** A function wrapped in BEGIN/COMMIT (ROLLBACK if it throws); the variants pick the lock. */
    interface Transaction<F extends (...args: never[]) => unknown> {
      (...args: Parameters<F>): ReturnType<F>;
      deferred(...args: Parameters<F>): ReturnType<F>;
      immediate(...args: Parameters<F>): ReturnType<F>;
      exclusive(...args: Parameters<F>): ReturnType<F>;
    }

    interface Options {
      readonly?: boolean;
      fileMustExist?: boolean;
      /** Milliseconds to wait for another connection's lock before SQLITE_BUSY. */
      timeout?: number;
    }

    interface Database {
      readonly open: boolean;
      readonly inTransaction: boolean;
      readonly name: string;
      prepare<Row = unknown>(sql: string): Statement<Row>;
      exec(sql: string): this;
      pragma(source: string, options: { simple: true }): unknown;
      pragma(source: string, options?: { simple?: false }): unknown[];
      transaction<F extends (...args: never[]) => unknown>(fn: F): Transaction<F>;
      close(): this;
    }

    interface DatabaseConstructor {
      new (filename: string, options?: Options): Database;
    }
  }

  const Database: Database.DatabaseConstructor;
  export = Database;
}
