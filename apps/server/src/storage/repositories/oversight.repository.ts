import type { DueWindow, OversightRepository, SiteFilter } from '../../modules/oversight/index.ts';
import { readInt, readJson, readOptionalTime, readTime, toDbTime } from '../codec.ts';
import type { Tx } from '../database.ts';
import { caseAtSites, caseIsOpen } from './scope-sql.ts';

/**
 * The early-warning queries on Kysely, for both SQLite and PostgreSQL. Each is narrowed in SQL to
 * the caller's sites (by the case's site) and to cases still open: a closed or merged case has no
 * clock to beat, promise to keep or decision waiting.
 */
/** Per-rank counts (rank, how many, since when) and their total, from a grouped query's rows. */
const waitingByRank = (groups: readonly { rank: unknown; n: unknown; oldest: unknown }[]) => {
  const byRank = groups.map((g) => ({
    rank: readInt(g.rank),
    waiting: readInt(g.n),
    oldestSince: readTime(g.oldest),
  }));
  return { total: byRank.reduce((sum, g) => sum + g.waiting, 0), byRank };
};

export const oversightRepository = (db: Tx): OversightRepository => {
  const clocksBase = (sites: SiteFilter, window: DueWindow) => {
    let query = db
      .selectFrom('service_clocks')
      .innerJoin('cases', 'cases.id', 'service_clocks.case_id')
      .where('service_clocks.state', '=', 'running')
      .where('service_clocks.due_at', '<=', toDbTime(window.until))
      .where(caseIsOpen())
      .where(caseAtSites(sites));
    if (window.after) query = query.where('service_clocks.due_at', '>', toDbTime(window.after));
    return query;
  };

  const commitmentsBase = (sites: SiteFilter, window: DueWindow) => {
    let query = db
      .selectFrom('commitments')
      .innerJoin('cases', 'cases.id', 'commitments.case_id')
      .where('commitments.status', '=', 'open')
      .where('commitments.due_at', '<=', toDbTime(window.until))
      .where(caseIsOpen())
      .where(caseAtSites(sites));
    if (window.after) query = query.where('commitments.due_at', '>', toDbTime(window.after));
    return query;
  };

  /**
   * Upward escalations still waiting, on open cases: not acknowledged, and not superseded (the
   * case came down below them, or closed, before anyone took them).
   */
  const escalationsBase = (sites: SiteFilter) =>
    db
      .selectFrom('case_escalations')
      .innerJoin('cases', 'cases.id', 'case_escalations.case_id')
      .where('case_escalations.direction', '=', 'up')
      .where('case_escalations.acknowledged_at', 'is', null)
      .where('case_escalations.superseded_at', 'is', null)
      .where(caseIsOpen())
      .where(caseAtSites(sites));

  const approvalsBase = (sites: SiteFilter) =>
    db
      .selectFrom('compensations')
      .innerJoin('cases', 'cases.id', 'compensations.case_id')
      .where('compensations.status', '=', 'proposed')
      .where(caseIsOpen())
      .where(caseAtSites(sites));

  const caseColumns = ['cases.id as case_id', 'cases.ref as case_ref', 'cases.site_id', 'cases.owner_id'] as const;
  const caseRef = (row: { case_id: string; case_ref: string; site_id: string | null; owner_id: string }) => ({
    caseId: row.case_id,
    caseRef: row.case_ref,
    siteId: row.site_id,
    ownerId: row.owner_id,
  });

  return {
    async clocksDue(sites, window, limit) {
      const [rows, count] = await Promise.all([
        clocksBase(sites, window)
          .select([
            ...caseColumns,
            'service_clocks.id',
            'service_clocks.key',
            'service_clocks.kind',
            'service_clocks.due_at',
            'service_clocks.breached_at',
          ])
          .orderBy('service_clocks.due_at')
          .orderBy('service_clocks.id')
          .limit(limit)
          .execute(),
        clocksBase(sites, window)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return {
        total: readInt(count.n),
        items: rows.map((r) => ({
          ...caseRef(r),
          clockId: r.id,
          key: r.key,
          kind: r.kind,
          dueAt: readTime(r.due_at),
          breachedAt: readOptionalTime(r.breached_at),
        })),
      };
    },

    async commitmentsDue(sites, window, limit) {
      const [rows, count] = await Promise.all([
        commitmentsBase(sites, window)
          .select([
            ...caseColumns,
            'commitments.id',
            'commitments.text',
            'commitments.made_by',
            'commitments.due_at',
            'commitments.at_risk_at',
          ])
          .orderBy('commitments.due_at')
          .orderBy('commitments.id')
          .limit(limit)
          .execute(),
        commitmentsBase(sites, window)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return {
        total: readInt(count.n),
        items: rows.map((r) => ({
          ...caseRef(r),
          commitmentId: r.id,
          text: r.text,
          madeBy: r.made_by,
          dueAt: readTime(r.due_at),
          atRiskAt: readOptionalTime(r.at_risk_at),
        })),
      };
    },

    async escalationsWaiting(sites, limit) {
      const [rows, groups] = await Promise.all([
        escalationsBase(sites)
          .select([
            ...caseColumns,
            'case_escalations.id',
            'case_escalations.to_rank',
            'case_escalations.trigger',
            'case_escalations.created_at',
          ])
          .orderBy('case_escalations.created_at')
          .orderBy('case_escalations.id')
          .limit(limit)
          .execute(),
        escalationsBase(sites)
          .select((eb) => [
            'case_escalations.to_rank as rank',
            eb.fn.countAll().as('n'),
            eb.fn.min('case_escalations.created_at').as('oldest'),
          ])
          .groupBy('case_escalations.to_rank')
          .orderBy('case_escalations.to_rank')
          .execute(),
      ]);
      return {
        ...waitingByRank(groups),
        items: rows.map((r) => ({
          ...caseRef(r),
          escalationId: r.id,
          toRank: readInt(r.to_rank),
          trigger: r.trigger,
          createdAt: readTime(r.created_at),
        })),
      };
    },

    async approvalsWaiting(sites, limit) {
      const [rows, groups] = await Promise.all([
        approvalsBase(sites)
          .select([
            ...caseColumns,
            'compensations.id',
            'compensations.required_rank',
            'compensations.kind',
            'compensations.amount',
            'compensations.currency',
            'compensations.proposed_by',
            'compensations.proposed_at',
          ])
          .orderBy('compensations.proposed_at')
          .orderBy('compensations.id')
          .limit(limit)
          .execute(),
        approvalsBase(sites)
          .select((eb) => [
            'compensations.required_rank as rank',
            eb.fn.countAll().as('n'),
            eb.fn.min('compensations.proposed_at').as('oldest'),
          ])
          .groupBy('compensations.required_rank')
          .orderBy('compensations.required_rank')
          .execute(),
      ]);
      return {
        ...waitingByRank(groups),
        items: rows.map((r) => ({
          ...caseRef(r),
          compensationId: r.id,
          requiredRank: readInt(r.required_rank),
          kind: r.kind,
          amount: r.amount === null ? null : readInt(r.amount),
          currency: r.currency,
          proposedBy: r.proposed_by,
          proposedAt: readTime(r.proposed_at),
        })),
      };
    },

    /**
     * Spikes whose period's cases include some at `sites`, newest first, each with the latest of
     * those cases (to open from the board) and how many there are. Closed cases still count: the
     * complaint happened.
     */
    async spikesRaised(sites, since, limit) {
      const base = () =>
        db
          .selectFrom('recurrence_spikes as s')
          .innerJoin('recurrence_spike_cases as sc', 'sc.spike_id', 's.id')
          .innerJoin('cases', 'cases.id', 'sc.case_id')
          .where('s.detected_at', '>', toDbTime(since))
          .where('sc.current', '=', true)
          .where(caseAtSites(sites));
      const [rows, count] = await Promise.all([
        base()
          .select((eb) => [
            's.id',
            's.period_start',
            's.period_end',
            's.current_count',
            's.baseline_count',
            's.baseline_periods',
            's.detected_at',
            eb.fn.countAll().as('at_sites'),
          ])
          .groupBy([
            's.id',
            's.period_start',
            's.period_end',
            's.current_count',
            's.baseline_count',
            's.baseline_periods',
            's.detected_at',
          ])
          .orderBy('s.detected_at', 'desc')
          .orderBy('s.id', 'desc')
          .limit(limit)
          .execute(),
        base()
          .select((eb) => eb.fn.count('s.id').distinct().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      const latest = new Map<string, { id: string; ref: string; subject: string | null }>();
      if (rows.length > 0) {
        const cases = await base()
          .select(['s.id as spike_id', 'cases.id', 'cases.ref', 'cases.subject'])
          .where(
            's.id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('cases.created_at', 'desc')
          .orderBy('cases.id', 'desc')
          .execute();
        for (const c of cases) if (!latest.has(c.spike_id)) latest.set(c.spike_id, c);
      }
      return {
        total: readInt(count.n),
        items: rows.flatMap((r) => {
          const c = latest.get(r.id);
          return c
            ? [
                {
                  spikeId: r.id,
                  caseId: c.id,
                  caseRef: c.ref,
                  subject: c.subject,
                  periodStart: readTime(r.period_start),
                  periodEnd: readTime(r.period_end),
                  currentCount: readInt(r.current_count),
                  baselineCount: readInt(r.baseline_count),
                  baselinePeriods: readInt(r.baseline_periods),
                  atSites: readInt(r.at_sites),
                  detectedAt: readTime(r.detected_at),
                },
              ]
            : [];
        }),
      };
    },

    async levelNames() {
      const rows = await db.selectFrom('escalation_levels').select(['rank', 'names']).execute();
      return new Map(rows.map((r) => [readInt(r.rank), readJson<Record<string, string>>(r.names)]));
    },
  };
};
