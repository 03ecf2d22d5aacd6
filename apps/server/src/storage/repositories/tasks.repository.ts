import { sql, type Selectable } from 'kysely';
import type { CaseChannel, CaseStatus, ExpectedRemedy, TaskStatus } from '@redress/contract';
import type { Task, TaskRepository } from '../../modules/tasks/index.ts';
import { readInt, readOptionalTime, readTime, toDbTime } from '../codec.ts';
import type { Tx } from '../database.ts';
import type { Schema } from '../schema.ts';

const toTask = (row: Selectable<Schema['internal_tasks']>): Task => ({
  id: row.id,
  caseId: row.case_id,
  assigneeTeamId: row.assignee_team_id,
  assigneeUserId: row.assignee_user_id,
  question: row.question,
  dueAt: readTime(row.due_at),
  status: row.status as TaskStatus,
  answer: row.answer,
  answeredBy: row.answered_by,
  answeredAt: readOptionalTime(row.answered_at),
  createdBy: row.created_by,
  createdAt: readTime(row.created_at),
});

const mutable = (task: Task) => ({
  assignee_team_id: task.assigneeTeamId,
  assignee_user_id: task.assigneeUserId,
  status: task.status,
  answer: task.answer,
  answered_by: task.answeredBy,
  answered_at: task.answeredAt ? toDbTime(task.answeredAt) : null,
});

/** The internal-tasks port over Kysely. */
export const tasksRepository = (tx: Tx): TaskRepository => ({
  async insertTask(task) {
    await tx
      .insertInto('internal_tasks')
      .values({
        ...mutable(task),
        id: task.id,
        case_id: task.caseId,
        question: task.question,
        due_at: toDbTime(task.dueAt),
        created_by: task.createdBy,
        created_at: toDbTime(task.createdAt),
      })
      .execute();
  },
  async saveTask(task) {
    await tx.updateTable('internal_tasks').set(mutable(task)).where('id', '=', task.id).execute();
  },
  async findTask(id) {
    const row = await tx.selectFrom('internal_tasks').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toTask(row) : undefined;
  },
  async countOpenTasks(caseId) {
    const row = await tx
      .selectFrom('internal_tasks')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('case_id', '=', caseId)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    return readInt(row.n);
  },
  async listCaseTasks(caseId) {
    const rows = await tx
      .selectFrom('internal_tasks')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy((eb) => eb.case().when('status', '=', 'open').then(0).else(1).end())
      .orderBy('due_at')
      .orderBy('id')
      .execute();
    return rows.map(toTask);
  },
  async listTasks(filter, visibility) {
    const { userId, teamIds } = filter.assignees;
    let query = tx
      .selectFrom('internal_tasks as t')
      .innerJoin('cases as c', 'c.id', 't.case_id')
      .leftJoin('customers as cu', 'cu.id', 'c.customer_id')
      .selectAll('t')
      .select([
        'c.ref',
        'c.status as case_status',
        'c.channel',
        'c.subject',
        'c.description',
        'c.language',
        'c.expected_remedy',
        'c.owner_id',
        'c.site_id',
        'cu.name as customer_name',
      ])
      .where((eb) => {
        const mine = [];
        if (userId) mine.push(eb('t.assignee_user_id', '=', userId));
        if (teamIds.length > 0) mine.push(eb('t.assignee_team_id', 'in', [...teamIds]));
        return mine.length > 0 ? eb.or(mine) : sql<boolean>`1 = 0`;
      });
    if (!visibility.all) {
      // The viewer sees a task addressed to them or their teams, or one on a case their sites hold.
      const viewerTeams = [...visibility.teamIds];
      const viewer = visibility.userId;
      query = query.where((eb) => {
        const reach = [];
        if (visibility.siteIds.length > 0) reach.push(eb('c.site_id', 'in', [...visibility.siteIds]));
        if (viewer) reach.push(eb('t.assignee_user_id', '=', viewer), eb('c.owner_id', '=', viewer));
        if (viewerTeams.length > 0) reach.push(eb('t.assignee_team_id', 'in', viewerTeams));
        return reach.length > 0 ? eb.or(reach) : sql<boolean>`1 = 0`;
      });
    }
    if (filter.status) query = query.where('t.status', '=', filter.status);
    if (filter.cursor) query = query.where('t.id', '>', filter.cursor);
    const rows = await query.orderBy('t.id').limit(filter.limit).execute();
    return rows.map((row) => ({
      task: toTask(row),
      case: {
        id: row.case_id,
        ref: row.ref,
        status: row.case_status as CaseStatus,
        channel: row.channel as CaseChannel,
        subject: row.subject,
        description: row.description,
        language: row.language,
        expectedRemedy: row.expected_remedy as ExpectedRemedy | null,
        ownerId: row.owner_id,
        customerName: row.customer_name ?? '',
      },
    }));
  },
});
