import type { Kysely, Selectable } from 'kysely';
import type { CompensationKind, Locale } from '@redress/contract';
import type { LadderLevel } from '../../modules/escalation/index.ts';
import { readJson, readInt } from '../codec.ts';
import type { Schema } from '../schema.ts';

const toLevel = (row: Selectable<Schema['escalation_levels']>): LadderLevel => ({
  id: row.id,
  rank: readInt(row.rank),
  names: readJson<Record<Locale, string>>(row.names),
  roles: readJson<string[]>(row.roles),
  teamId: row.team_id,
  maxCompensation: row.max_compensation === null ? null : readInt(row.max_compensation),
  currency: row.currency,
  remedies: readJson<CompensationKind[]>(row.remedies),
  responseMinutes: readInt(row.response_minutes),
});

/**
 * The escalation ladder, lowest rank first. `db` is the database's read side or an open
 * transaction: other repositories call this to check authority inside their own unit of work.
 */
export const listLadderLevels = async (db: Kysely<Schema>): Promise<LadderLevel[]> =>
  (await db.selectFrom('escalation_levels').selectAll().orderBy('rank').execute()).map(toLevel);
