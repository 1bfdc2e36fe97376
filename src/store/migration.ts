/**
 * A schema migration: the same shape in every driver; each driver keeps its own ordered list in its
 * folder (`sqlite/migrations.ts`, `postgres/migrations.ts`), appended to, never edited.
 */
export interface Migration {
  readonly version: number;
  /** Short kebab-case name, recorded with the version. */
  readonly name: string;
  /** The driver's SQL for this step, run in one transaction with its record in `schema_migrations`. */
  readonly sql: string;
}
