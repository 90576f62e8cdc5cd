import type Database from 'better-sqlite3';

/**
 * Prepared statements of one connection, prepared once per SQL text: preparing on every call
 * was half the cost of enqueueing a job (measured by bench:webhooks).
 */
export function statementCache(db: Database.Database): (sql: string) => Database.Statement {
  const cache = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}
