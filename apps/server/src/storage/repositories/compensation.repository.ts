import type { Selectable } from 'kysely';
import type { CompensationKind, CompensationStatus } from '@redress/contract';
import type { Compensation, CompensationRepository } from '../../modules/compensation/index.ts';
import { readBool, readInt, readOptionalTime, readTime, toDbTime } from '../codec.ts';
import type { Tx } from '../database.ts';
import type { Schema } from '../schema.ts';
import { listLadderLevels } from './escalation.repository.ts';

const toCompensation = (row: Selectable<Schema['compensations']>): Compensation => ({
  id: row.id,
  caseId: row.case_id,
  kind: row.kind as CompensationKind,
  amount: row.amount === null ? null : readInt(row.amount),
  currency: row.currency,
  description: row.description,
  status: row.status as CompensationStatus,
  requiredRank: readInt(row.required_rank),
  proposedBy: row.proposed_by,
  proposedAt: readTime(row.proposed_at),
  decidedBy: row.decided_by,
  decidedAt: readOptionalTime(row.decided_at),
  decisionNote: row.decision_note,
  customerAccepted: row.customer_accepted === null ? null : readBool(row.customer_accepted),
  customerResponseAt: readOptionalTime(row.customer_response_at),
  deliveredAt: readOptionalTime(row.delivered_at),
});

const mutable = (c: Compensation, now: Date) => ({
  status: c.status,
  decided_by: c.decidedBy,
  decided_at: c.decidedAt ? toDbTime(c.decidedAt) : null,
  decision_note: c.decisionNote,
  customer_accepted: c.customerAccepted,
  customer_response_at: c.customerResponseAt ? toDbTime(c.customerResponseAt) : null,
  delivered_at: c.deliveredAt ? toDbTime(c.deliveredAt) : null,
  updated_at: toDbTime(now),
});

/** The compensation port over Kysely. */
export const compensationRepository = (tx: Tx): CompensationRepository => ({
  async insert(c) {
    await tx
      .insertInto('compensations')
      .values({
        ...mutable(c, c.proposedAt),
        id: c.id,
        case_id: c.caseId,
        kind: c.kind,
        amount: c.amount,
        currency: c.currency,
        description: c.description,
        required_rank: c.requiredRank,
        proposed_by: c.proposedBy,
        proposed_at: toDbTime(c.proposedAt),
        created_at: toDbTime(c.proposedAt),
      })
      .execute();
  },
  async save(c, now, expected) {
    const result = await tx
      .updateTable('compensations')
      .set(mutable(c, now))
      .where('id', '=', c.id)
      .where('status', '=', expected)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },
  async find(id) {
    const row = await tx.selectFrom('compensations').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toCompensation(row) : undefined;
  },
  async listForCase(caseId) {
    const rows = await tx
      .selectFrom('compensations')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('proposed_at')
      .orderBy('id')
      .execute();
    return rows.map(toCompensation);
  },
  listLevels: () => listLadderLevels(tx),
});
