import type { CaseDto } from '@redress/contract';
import { useCallback, useRef } from 'react';
import { ApiError } from '../../api.ts';
import { useCan } from '../../auth/permissions.ts';
import { useLoad } from '../../hooks/use-load.ts';
import { caseApi } from './case-api.ts';

/** The case, or `null` when the server says there is no such case (or none this reader may see). */
const readCase = async (id: string, signal: AbortSignal): Promise<CaseDto | null> => {
  try {
    return await caseApi.getCase(id, signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
};

/**
 * Everything the case page reads, each part loaded on its own so one failing read shows its own
 * error and the rest of the page still renders. Parts the reader has no permission for are not
 * asked for (they read as empty). `reloadAll` reads the case's parts again without blanking them
 * (live updates and every change call it); reference lists (teams, causes…) and the customer's
 * record (each read of it is audited) are read once.
 */
export const useCaseData = (id: string) => {
  const can = useCan();
  const mayReadCustomer = can('customer:read');
  const mayReadOrg = can('org:read');
  const mayReadConfig = can('config:read');

  const caseLoad = useLoad((signal) => readCase(id, signal), id);
  const customerId = caseLoad.load.state === 'ready' ? (caseLoad.load.value?.customer.id ?? '') : '';

  const clocks = useLoad((signal) => caseApi.clocks(id, signal), id);
  const commitments = useLoad((signal) => caseApi.commitments(id, signal), id);
  const tasks = useLoad((signal) => caseApi.tasks(id, signal), id);
  const escalations = useLoad((signal) => caseApi.escalations(id, signal), id);
  const risk = useLoad((signal) => caseApi.risk(id, signal), id);
  const compensations = useLoad((signal) => caseApi.compensations(id, signal), id);
  const similar = useLoad((signal) => caseApi.similar(id, signal), id);
  const emails = useLoad((signal) => caseApi.emails(id, signal), id);
  const followups = useLoad((signal) => caseApi.followups(id, signal), id);
  const surveys = useLoad((signal) => caseApi.surveys(id, signal), id);

  const customer = useLoad(
    (signal) => (customerId && mayReadCustomer ? caseApi.customer(customerId, signal) : Promise.resolve(null)),
    `${customerId}:${String(mayReadCustomer)}`,
  );
  const history = useLoad(
    (signal) =>
      customerId ? caseApi.customerCases(customerId, signal) : Promise.resolve({ items: [], nextCursor: null }),
    customerId,
  );

  const ladder = useLoad(
    (signal) => (mayReadConfig ? caseApi.ladder(signal) : Promise.resolve({ levels: [] })),
    String(mayReadConfig),
  );
  const rootCauses = useLoad((signal) => caseApi.rootCauses(signal), 'root-causes');
  const categories = useLoad((signal) => caseApi.categories(signal), 'categories');
  const teams = useLoad(
    (signal) => (mayReadOrg ? caseApi.teams(signal) : Promise.resolve({ items: [] })),
    String(mayReadOrg),
  );
  // Everyone who may read a case may list their colleagues (`GET /colleagues`, case:read).
  const colleagues = useLoad((signal) => caseApi.colleagues(signal), 'colleagues');

  // Every `reload` is stable (a callback without dependencies), so one list serves every render.
  const reloads = useRef<(() => void)[]>([]);
  reloads.current = [
    caseLoad.reload,
    clocks.reload,
    commitments.reload,
    tasks.reload,
    escalations.reload,
    risk.reload,
    compensations.reload,
    similar.reload,
    emails.reload,
    followups.reload,
    surveys.reload,
    history.reload,
  ];
  const reloadAll = useCallback(() => {
    for (const reload of reloads.current) reload();
  }, []);

  return {
    caseLoad,
    clocks,
    commitments,
    tasks,
    escalations,
    risk,
    compensations,
    similar,
    emails,
    followups,
    surveys,
    customer,
    history,
    ladder,
    rootCauses,
    categories,
    teams,
    colleagues,
    reloadAll,
  };
};

export type CaseData = ReturnType<typeof useCaseData>;
