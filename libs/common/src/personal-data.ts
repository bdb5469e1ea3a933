import { Global, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What happens to the group messages of a person who deletes their account. */
export type MessagesOnErase = 'erase' | 'keep';

export interface EraseOptions {
  messages: MessagesOnErase;
}

/**
 * A lib that stores personal data implements this and registers it, so export
 * and account deletion are complete by construction. `tables` names every table
 * (with a column referring to a person) that this contributor covers; a test
 * enumerates the schema and fails when a table has no contributor.
 */
export interface PersonalDataContributor {
  /** The key of this contributor's part of the export, e.g. `messages`. */
  readonly section: string;
  readonly tables: readonly string[];
  /** Lower runs first when erasing (e.g. messages before the account row). */
  readonly eraseOrder?: number;
  /** Everything held about the person, as rows; streamed (large histories are never held in memory). */
  export(userId: string, em: EntityManager): AsyncIterable<unknown>;
  /** Erases (or anonymises, where a row must stay for others) the person's data, inside the caller's transaction. */
  erase(userId: string, options: EraseOptions, em: EntityManager): Promise<void>;
}

/** Where contributors register (in their module's `onModuleInit`). */
@Injectable()
export class PersonalDataRegistry {
  private readonly contributors: PersonalDataContributor[] = [];

  register(contributor: PersonalDataContributor): void {
    if (this.contributors.some((c) => c.section === contributor.section)) {
      throw new Error(`Personal-data section "${contributor.section}" is registered twice`);
    }
    this.contributors.push(contributor);
  }

  all(): readonly PersonalDataContributor[] {
    return [...this.contributors].sort((a, b) => (a.eraseOrder ?? 100) - (b.eraseOrder ?? 100) || a.section.localeCompare(b.section));
  }

  coveredTables(): Set<string> {
    return new Set(this.contributors.flatMap((c) => c.tables));
  }
}

@Global()
@Module({ providers: [PersonalDataRegistry], exports: [PersonalDataRegistry] })
export class PersonalDataModule {}
