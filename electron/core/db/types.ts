import type Database from 'better-sqlite3';

/**
 * Read-only and writable handles are distinct types, so browsing and export code cannot write:
 * a function that takes a ReadDb cannot be handed to code that needs a WriteDb by accident.
 */
export type WriteDb = Database.Database & { readonly __access: 'write' };
export type ReadDb = Omit<Database.Database, 'exec' | 'transaction' | 'backup'> & { readonly __access: 'read' | 'write' };

/** A migration: one numbered step that moves the schema from version-1 to version. */
export interface Migration {
  version: number;
  name: string;
  up(db: WriteDb): void;
}
