// Seeds the console section's organisation and cases in process, through the server's own services
// (`createDeps` on the opened store), as staff would have built them up over fifty days: two sites,
// ten agents and a supervisor at each, a calendar and the ISO 10002 policy (so every case runs its
// clocks) and a hundred more agents per site who only watch their consoles (the live streams), then
// the cases day by day with a seed clock set back to that day, each worked on the
// way agents do — acknowledged, investigated, waiting on the customer, resolved — and some with a
// promise, an internal task, an escalation or a proposed compensation. Tokens come last, at the
// real time, so they are as fresh as an agent's.
import { CommitmentFlagCodes } from '@redress/contract';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createDeps, type Deps } from '../../apps/server/src/deps.ts';
import type { Clock } from '../../apps/server/src/shared/clock.ts';
import { systemContext, type Context } from '../../apps/server/src/shared/unit-of-work.ts';
import type { Database } from '../../apps/server/src/storage/database.ts';
import { intakeTraffic, seededRandom } from '../intake/complaints.ts';
import { describeError } from '../lib/errors.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Days the cases are spread over, the newest opened today. */
export const SEED_DAYS = 50;
/** Agents per site; every case is owned by the agent who opened it. */
const AGENTS_PER_SITE = 10;
/** Agents per site who only watch (their consoles' live streams): one stream each, as one browser each. */
export const LISTENERS_PER_SITE = 100;
/** Cases written at once inside a day, so group commit (or the pool) has work to share. */
const IN_FLIGHT = 32;

export interface SeedUser {
  readonly id: string;
  readonly siteId: string;
  readonly token: string;
}

/** An open case at a site, with its owner: where the live benchmark adds notes. */
export interface OpenCase {
  readonly caseId: string;
  readonly siteId: string;
  readonly ownerToken: string;
}

export interface ConsoleWorld {
  readonly sites: readonly string[];
  /** Every agent, site A's first. */
  readonly agents: readonly SeedUser[];
  /** Agents with a console open, alternating sites, for the live streams. */
  readonly listeners: readonly SeedUser[];
  /** The agent whose queues and case pages are read: site A's first agent. */
  readonly reader: SeedUser;
  /** Site A's supervisor, who reads the early-warning board and the reports. */
  readonly supervisor: SeedUser;
  /** Cases at the reader's site with something on their panels (a promise, task, escalation or compensation). */
  readonly pageCases: readonly string[];
  /** Cases still being worked, per site, with their owners' tokens. */
  readonly openCases: readonly OpenCase[];
  readonly counts: Readonly<Record<SeedCount, number>>;
  readonly seconds: number;
  readonly failures: number;
  readonly firstFailure: string | undefined;
}

export type SeedCount =
  | 'cases'
  | 'acknowledged'
  | 'investigating'
  | 'waitingOnCustomer'
  | 'resolved'
  | 'commitments'
  | 'tasks'
  | 'escalations'
  | 'compensations';

/** A clock that reads the real time minus an offset the seeding moves back and forth. */
const seedClock = (): Clock & { setDaysAgo(days: number, hoursAgo: number): void; reset(): void } => {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() - offsetMs),
    setDaysAgo: (days, hoursAgo) => {
      offsetMs = days * DAY_MS + hoursAgo * HOUR_MS;
    },
    reset: () => {
      offsetMs = 0;
    },
  };
};

/** Runs `work` over `items` with at most `inFlight` at once. */
const eachLimited = async <T>(items: readonly T[], inFlight: number, work: (item: T) => Promise<void>) => {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, items.length) }, worker));
};

interface Staff {
  readonly id: string;
  readonly email: string;
  readonly siteId: string;
  ctx?: Context;
}

const buildOrganisation = async (deps: Deps) => {
  const sys = systemContext('bench');
  const siteA = await deps.org.createSite(sys, { name: 'Taipei Xinyi', code: 'TPE-01', timeZone: 'Asia/Taipei' });
  const siteB = await deps.org.createSite(sys, { name: 'Taichung West', code: 'TXG-01', timeZone: 'Asia/Taipei' });
  const warehouse = await deps.org.createTeam(sys, { name: 'Warehouse', kind: 'department', siteId: null });
  const staff = async (role: string, email: string, siteId: string): Promise<Staff> => {
    const user = await deps.identity.createUser(sys, { email, name: email.split('@')[0]!, role });
    await deps.org.setUserSite(sys, user.id, siteId);
    return { id: user.id, email, siteId };
  };
  const agents: Staff[] = [];
  const listeners: Staff[] = [];
  for (const [s, site] of [siteA, siteB].entries()) {
    const frontline = await deps.org.createTeam(sys, {
      name: `Frontline ${site.code}`,
      kind: 'frontline',
      siteId: site.id,
    });
    for (let i = 0; i < AGENTS_PER_SITE; i += 1) {
      const agent = await staff('agent', `agent${s}.${i}@bench.example`, site.id);
      await deps.org.addMember(sys, frontline.id, agent.id);
      agents.push(agent);
    }
    const indexes = Array.from({ length: LISTENERS_PER_SITE }, (_, i) => i);
    await eachLimited(indexes, IN_FLIGHT, async (i) => {
      const listener = await staff('agent', `listener${s}.${i}@bench.example`, site.id);
      await deps.org.addMember(sys, frontline.id, listener.id);
      listeners[i * 2 + s] = listener;
    });
  }
  const supervisor = await staff('supervisor', 'supervisor0@bench.example', siteA.id);
  await deps.org.addMember(sys, warehouse.id, (await staff('department_member', 'stock@bench.example', siteA.id)).id);
  for (const person of [...agents, supervisor]) {
    const user = await deps.identity.findUserByEmail(person.email);
    if (!user) throw new Error(`${person.email} vanished`);
    person.ctx = { actor: await deps.identity.actorFor(user, 'token'), requestId: null };
  }
  // What an administrator sets up before going live: calendar, policy, ladder, categories, a cause.
  const year = new Date().getUTCFullYear();
  const calendar = await deps.calendars.createCalendar(sys, { preset: 'TW', years: [year - 1, year, year + 1] });
  await deps.policies.createFromPreset(sys, { preset: 'iso10002', calendarId: calendar.calendar.id });
  await deps.escalation.ensureDefaultLadder(sys);
  const categories = [
    (await deps.cases.createCategory(sys, { names: { en: 'Product quality' }, kind: 'product_quality' })).id,
    (await deps.cases.createCategory(sys, { names: { en: 'Delivery' }, kind: 'service_process' })).id,
    (await deps.cases.createCategory(sys, { names: { en: 'Billing' }, kind: 'service_process' })).id,
  ];
  const rootCause = await deps.cases.createRootCause(sys, { code: 'bench_cause', names: { en: 'Carrier damage' } });
  return {
    sites: [siteA.id, siteB.id],
    agents,
    listeners,
    supervisor,
    warehouse: warehouse.id,
    categories,
    rootCause: rootCause.id,
  };
};

/**
 * Seeds `total` cases over `SEED_DAYS` days into `db` (already migrated), through the services.
 * Failures of single steps are counted, not thrown; a failure to build the organisation throws.
 */
export const seedConsoleWorld = async (
  db: Database,
  dataDir: string,
  total: number,
  progress: (text: string) => void,
): Promise<ConsoleWorld> => {
  const started = performance.now();
  const clock = seedClock();
  const config = loadConfig({ LOG_LEVEL: 'silent' }, { dataDir });
  const deps = createDeps(config, db, clock);
  const org = await buildOrganisation(deps);
  const random = seededRandom(7_070);
  const traffic = intakeTraffic({ repeatShare: 0.3, knownCustomers: 500, seed: 17, tag: 'console' });
  const counts: Record<SeedCount, number> = {
    cases: 0,
    acknowledged: 0,
    investigating: 0,
    waitingOnCustomer: 0,
    resolved: 0,
    commitments: 0,
    tasks: 0,
    escalations: 0,
    compensations: 0,
  };
  let failures = 0;
  let firstFailure: string | undefined;
  const attempt = async (work: () => Promise<unknown>): Promise<boolean> => {
    try {
      await work();
      return true;
    } catch (error) {
      failures += 1;
      firstFailure ??= describeError(error);
      return false;
    }
  };
  const pageCases: string[] = [];
  const open: { caseId: string; siteId: string; owner: number }[] = [];
  const flags = [...CommitmentFlagCodes];
  let made = 0;
  for (let day = SEED_DAYS - 1; day >= 0; day -= 1) {
    const count = Math.floor(total / SEED_DAYS) + (day < total % SEED_DAYS ? 1 : 0);
    const owners = Array.from({ length: count }, () => Math.floor(random() * org.agents.length));
    // Opened in the morning of that day …
    clock.setDaysAgo(day, 3);
    const opened: { caseId: string; owner: number }[] = [];
    await eachLimited(owners, IN_FLIGHT, async (owner) => {
      const agent = org.agents[owner]!;
      const input = { ...traffic.next(), categoryId: org.categories[made++ % org.categories.length] };
      await attempt(async () => {
        const view = await deps.cases.openCase(agent.ctx!, input);
        opened.push({ caseId: view.case.id, owner });
        counts.cases += 1;
      });
    });
    // … and worked on an hour or two later.
    clock.setDaysAgo(day, 1);
    const now = clock.now();
    await eachLimited(opened, IN_FLIGHT, async ({ caseId, owner }) => {
      const agent = org.agents[owner]!;
      const ctx = agent.ctx!;
      const roll = random();
      const onPanels = random();
      let status = 'new';
      const move = async (action: 'acknowledge' | 'start_investigation' | 'wait_on_customer' | 'resolve') => {
        const resolution =
          action === 'resolve'
            ? { text: 'Replaced the goods and apologised.', kind: 'final' as const, rootCauseId: org.rootCause }
            : undefined;
        if (await attempt(() => deps.cases.transitionCase(ctx, caseId, { action, resolution }))) status = action;
      };
      if (roll < (day === 0 ? 0.4 : 0.85)) {
        await move('acknowledge');
        if (status === 'acknowledge') counts.acknowledged += 1;
        const next = random();
        if (next < 0.12) {
          await move('start_investigation');
          await move('wait_on_customer');
          if (status === 'wait_on_customer') counts.waitingOnCustomer += 1;
        } else if (next < 0.7) {
          await move('start_investigation');
          if (status === 'start_investigation') counts.investigating += 1;
          if (day >= 5 && random() < 0.5) {
            await move('resolve');
            if (status === 'resolve') counts.resolved += 1;
          }
        }
      }
      const worked = status !== 'resolve';
      let panels = false;
      if (worked && onPanels < 0.12) {
        const dueAt = new Date(now.getTime() + (1 + Math.floor(random() * 6)) * DAY_MS).toISOString();
        const body = { text: 'We will call you back with the courier report.', dueAt, acknowledgeFlags: flags };
        if (await attempt(() => deps.commitments.makeCommitment(ctx, caseId, body))) {
          counts.commitments += 1;
          panels = true;
        }
      }
      if (worked && status !== 'new' && onPanels >= 0.1 && onPanels < 0.16) {
        const dueAt = new Date(now.getTime() + 2 * DAY_MS).toISOString();
        const body = { teamId: org.warehouse, question: 'Was the parcel checked before dispatch?', dueAt };
        if (await attempt(() => deps.tasks.createTask(ctx, caseId, body))) {
          counts.tasks += 1;
          panels = true;
        }
      }
      if (worked && onPanels >= 0.15 && onPanels < 0.19) {
        const body = { reason: 'The customer has called three times without an answer.' };
        if (await attempt(() => deps.escalation.escalateCase(ctx, caseId, body))) {
          counts.escalations += 1;
          panels = true;
        }
      }
      if (onPanels >= 0.18 && onPanels < 0.21) {
        const body = { kind: 'refund' as const, amount: 50_000, currency: 'TWD', description: 'Refund of the order' };
        if (await attempt(() => deps.compensation.propose(ctx, caseId, body))) {
          counts.compensations += 1;
          panels = true;
        }
      }
      const siteId = org.agents[owner]!.siteId;
      if (panels && siteId === org.sites[0]) pageCases.push(caseId);
      if (worked) open.push({ caseId, siteId, owner });
    });
    if (day % 10 === 0) progress(`console: seeded ${counts.cases.toLocaleString('en-US')} cases`);
  }
  clock.reset();
  const sys = systemContext('bench');
  const tokenFor = async (person: Staff): Promise<SeedUser> => {
    const { token } = await deps.identity.createApiToken(sys, { userId: person.id, name: 'bench' });
    return { id: person.id, siteId: person.siteId, token };
  };
  const agents = await Promise.all(org.agents.map(tokenFor));
  const listeners = await Promise.all(org.listeners.map(tokenFor));
  const supervisor = await tokenFor(org.supervisor);
  return {
    sites: org.sites,
    agents,
    listeners,
    reader: agents[0]!,
    supervisor,
    pageCases,
    openCases: open.map(({ caseId, siteId, owner }) => ({ caseId, siteId, ownerToken: agents[owner]!.token })),
    counts,
    seconds: (performance.now() - started) / 1000,
    failures,
    firstFailure,
  };
};
