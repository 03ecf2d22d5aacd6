import type { CreatePolicyBody, PolicyPresetBody, UpdatePolicyBody } from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { actorId, type Context, type UnitOfWork } from '../../shared/unit-of-work.ts';
import { requirePermission } from '../access/index.ts';
import type { PolicyConditions, ServicePolicy } from './policy.ts';
import { POLICY_PRESETS } from './policy-presets.ts';
import type { PolicyRepository } from './policy.repository.ts';
import { policyProblems, type PolicyDraft, type StoredPolicy } from './policy-rules.ts';

/** A new policy without a rank goes after every existing one, leaving room to slot others in. */
const RANK_STEP = 10;

type Port = { policies: PolicyRepository };

const notFound = (): AppError => new AppError(ErrorCode.NotFound, 'Policy not found');

const cleanConditions = (conditions: PolicyConditions | undefined): PolicyConditions => {
  const out: Record<string, readonly string[]> = {};
  for (const [key, list] of Object.entries(conditions ?? {}) as [string, readonly string[] | undefined][]) {
    if (list && list.length > 0) out[key] = [...list];
  }
  return out;
};

const emptyTargets: ServicePolicy['targets'] = {
  acknowledge: null,
  firstResponse: null,
  keepInLoop: null,
  resolve: null,
};

/**
 * Service policies: read with `config:read`, changed with `config:manage`. A change appends a
 * `policy.*` event and calls `onChanged` after the commit (the clocks' configuration cache
 * forgets its copy). Open cases keep their current clocks until their next change recomputes
 * them — recomputing every open case here would turn one edit into a write to thousands of rows.
 */
export const createPolicyService = ({
  store,
  clock,
  onChanged = () => undefined,
}: {
  store: UnitOfWork<Port>;
  clock: Clock;
  onChanged?: () => void;
}) => {
  const check = async (port: Port, draft: PolicyDraft): Promise<void> => {
    const problems = policyProblems(draft);
    if (draft.calendarId !== null && !(await port.policies.calendarExists(draft.calendarId))) {
      problems.push({ field: '/body/calendarId', message: 'no such calendar' });
    }
    if (problems.length > 0) {
      throw new AppError(
        ErrorCode.ValidationFailed,
        `The policy is not valid: ${problems[0]?.field ?? ''} ${problems[0]?.message ?? ''}`,
        problems,
      );
    }
  };

  const insert = async (
    ctx: Context,
    draft: Omit<PolicyDraft, 'rank'> & { rank?: number | undefined },
    preset: string | null,
  ): Promise<StoredPolicy> => {
    const now = clock.now();
    const created = await store.write(async (port) => {
      const rank = draft.rank ?? ((await port.policies.maxRank()) ?? 0) + RANK_STEP;
      const full: PolicyDraft = { ...draft, rank, name: draft.name.trim() };
      await check(port, full);
      const policy: StoredPolicy = { ...full, id: newId('pol', now), preset, createdAt: now, updatedAt: now };
      await port.policies.insertPolicy(policy);
      await port.policies.appendEvent({
        type: 'policy.created',
        subjectType: 'policy',
        subjectId: policy.id,
        actorId: actorId(ctx.actor),
        requestId: ctx.requestId,
        payload: { name: policy.name, rank: policy.rank, preset, calendarId: policy.calendarId },
        occurredAt: now,
      });
      return policy;
    });
    onChanged();
    return created;
  };

  const listPolicies = async (ctx: Context): Promise<StoredPolicy[]> => {
    requirePermission(ctx.actor, 'config:read');
    return store.read.policies.listPolicies();
  };

  const createPolicy = async (ctx: Context, input: CreatePolicyBody): Promise<StoredPolicy> => {
    requirePermission(ctx.actor, 'config:manage');
    return insert(
      ctx,
      {
        name: input.name,
        rank: input.rank,
        conditions: cleanConditions(input.conditions),
        calendarId: input.calendarId ?? null,
        targets: { ...emptyTargets, ...input.targets },
        regulatory: input.regulatory ?? null,
        pauseStatuses: input.pauseStatuses ?? [],
        warnPercents: input.warnPercents ?? [],
        enabled: input.enabled ?? true,
      },
      null,
    );
  };

  /** A policy from a shipped preset (ISO 10002, FCA DISP, CFPB, CN consumer); see policy-presets.ts. */
  const createFromPreset = async (ctx: Context, input: PolicyPresetBody): Promise<StoredPolicy> => {
    requirePermission(ctx.actor, 'config:manage');
    const preset = POLICY_PRESETS[input.preset];
    return insert(
      ctx,
      {
        name: input.name ?? preset.name,
        rank: input.rank,
        conditions: {},
        calendarId: input.calendarId,
        targets: preset.targets,
        regulatory: preset.regulatory,
        pauseStatuses: preset.pauseStatuses,
        warnPercents: preset.warnPercents,
        enabled: true,
      },
      input.preset,
    );
  };

  const updatePolicy = async (ctx: Context, id: string, input: UpdatePolicyBody): Promise<StoredPolicy> => {
    requirePermission(ctx.actor, 'config:manage');
    const now = clock.now();
    const updated = await store.write(async (port) => {
      const current = await port.policies.findPolicy(id);
      if (!current) throw notFound();
      const next: StoredPolicy = {
        ...current,
        name: input.name?.trim() ?? current.name,
        rank: input.rank ?? current.rank,
        conditions: input.conditions ? cleanConditions(input.conditions) : current.conditions,
        calendarId: input.calendarId === undefined ? current.calendarId : input.calendarId,
        targets: input.targets ? { ...current.targets, ...input.targets } : current.targets,
        regulatory: input.regulatory === undefined ? current.regulatory : input.regulatory,
        pauseStatuses: input.pauseStatuses ?? current.pauseStatuses,
        warnPercents: input.warnPercents ?? current.warnPercents,
        enabled: input.enabled ?? current.enabled,
        updatedAt: now,
      };
      await check(port, next);
      await port.policies.updatePolicy(next);
      await port.policies.appendEvent({
        type: 'policy.updated',
        subjectType: 'policy',
        subjectId: id,
        actorId: actorId(ctx.actor),
        requestId: ctx.requestId,
        payload: { changes: input },
        occurredAt: now,
      });
      return next;
    });
    onChanged();
    return updated;
  };

  return { listPolicies, createPolicy, createFromPreset, updatePolicy };
};

export type PolicyService = ReturnType<typeof createPolicyService>;
