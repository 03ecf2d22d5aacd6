import type { CaseChannel, CaseStatus, ExpectedRemedy, TaskStatus } from '@redress/contract';
import type { CaseRepository, CaseVisibility } from '../cases/index.ts';
import type { Task } from './task.ts';

/** What a department's queue shows beside each task: the case and the customer's own words. */
export interface TaskCaseSummary {
  readonly id: string;
  readonly ref: string;
  readonly status: CaseStatus;
  readonly channel: CaseChannel;
  readonly subject: string | null;
  readonly description: string;
  readonly language: string | null;
  readonly expectedRemedy: ExpectedRemedy | null;
  readonly ownerId: string;
  readonly customerName: string;
}

export interface TaskListFilter {
  /** Tasks for this user or any of these teams (`mine`), or for one team. */
  readonly assignees: { readonly userId: string | null; readonly teamIds: readonly string[] };
  readonly status?: TaskStatus | undefined;
  /** Tasks with ids after this one (exclusive); oldest first. */
  readonly cursor?: string | undefined;
  readonly limit: number;
}

/** The tasks module's port onto storage. */
export interface TaskRepository {
  insertTask(task: Task): Promise<void>;
  saveTask(task: Task): Promise<void>;
  findTask(id: string): Promise<Task | undefined>;
  countOpenTasks(caseId: string): Promise<number>;
  /** Every task on the case: open ones first, then by due time (then as asked). */
  listCaseTasks(caseId: string): Promise<Task[]>;
  /**
   * A queue page: tasks matching `filter` whose case `visibility` reaches OR that are assigned to
   * the viewer (narrowed in SQL), each with its case summary.
   */
  listTasks(filter: TaskListFilter, visibility: CaseVisibility): Promise<{ task: Task; case: TaskCaseSummary }[]>;
}

/** Tasks change cases: one unit of work holds both ports. */
export interface TaskStore {
  readonly cases: CaseRepository;
  readonly tasks: TaskRepository;
}
