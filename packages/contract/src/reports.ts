import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.ts';
import { Locales } from './users.ts';

/**
 * Reports for managers (pillar 8), counted over the cases at the caller's sites created (volume)
 * or due (clocks, promises) within `[from, to)`. Defaults: the last 30 days up to now. A range that
 * ends before it starts or spans more than 366 days is refused (422 `rule_violated`); a `siteId`
 * outside the caller's sites counts nothing.
 */
const Id = Type.String({ minLength: 3, maxLength: 64, pattern: '^[a-z]+_[0-9A-Za-z]+$' });
const DateTime = Type.String({ format: 'date-time' });
const Count = Type.Integer({ minimum: 0 });

export const ReportQuery = Type.Object(
  {
    from: Type.Optional(DateTime),
    to: Type.Optional(DateTime),
    siteId: Type.Optional(Id),
    rollUp: Type.Optional(
      Type.Boolean({ default: false, description: 'Count each case under the top-level category of its branch.' }),
    ),
  },
  { additionalProperties: false },
);
export type ReportQuery = Static<typeof ReportQuery>;

export const ReportOverviewDto = Type.Object({
  from: DateTime,
  to: DateTime,
  /**
   * Cases opened in the range by category (top-level category when `rollUp`), most first; a case
   * merged into another is left out (the case it joined counts). `categoryId` null: none.
   */
  volumeByCategory: Type.Array(
    Type.Object({
      categoryId: Nullable(Type.String()),
      names: Nullable(Type.Partial(Type.Record(Type.Enum(Locales), Type.String()))),
      count: Count,
    }),
  ),
  /** Cases opened per calendar day (UTC), oldest first, days without cases included. */
  volumeByDay: Type.Array(Type.Object({ day: Type.String({ format: 'date' }), count: Count })),
  /**
   * Clocks due in the range per kind, in the order of `ClockKinds`, kinds without any left out:
   * met in time; breached (announced, met late, or still running past due); running or paused.
   */
  clockCompliance: Type.Array(Type.Object({ kind: Type.String(), met: Count, breached: Count, running: Count })),
  /** Promises due in the range by outcome; `overdue` are open and past due. */
  promises: Type.Object({ kept: Count, broken: Count, renegotiated: Count, open: Count, overdue: Count }),
});
export type ReportOverviewDto = Static<typeof ReportOverviewDto>;

/** Team workload: what each person at the caller's sites carries now. */
export const WorkloadDto = Type.Object({
  generatedAt: DateTime,
  items: Type.Array(
    Type.Object({
      userId: Type.String(),
      name: Type.String(),
      role: Type.String(),
      openCases: Type.Integer({ minimum: 0, description: 'Cases they own, neither resolved nor closed.' }),
      breachedClocks: Type.Integer({ minimum: 0, description: 'Running clocks past due on those cases.' }),
      openCommitments: Type.Integer({
        minimum: 0,
        description: 'Promises they made that are still open, on cases not closed.',
      }),
      overdueCommitments: Type.Integer({ minimum: 0, description: 'Of those, the ones past due.' }),
      openTasks: Type.Integer({ minimum: 0, description: 'Internal tasks assigned to this person.' }),
    }),
  ),
});
export type WorkloadDto = Static<typeof WorkloadDto>;
