import type {
  CaseList,
  CategoryDto,
  CustomerMatches,
  ExpectedRemedy,
  LogCallBody,
  LoggedCallDto,
  QueueCountsDto,
  QueueKey,
} from '@redress/contract';
import { api, apiRequest } from '../../api.ts';

/** How many cases a queue shows at first, and adds on each "show more". */
export const QUEUE_PAGE = 50;
/** The most the list endpoint returns at once. */
const MAX_PAGE = 200;

const query = (params: Record<string, string | number | boolean | undefined>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  return search.toString();
};

/** The agent's screens' reads and writes, on the documented API. */
export const agentApi = {
  queueCounts: (signal: AbortSignal) => api.get<QueueCountsDto>('/api/v1/queues', signal),

  /** One page of a queue; `limit` is clamped to what the server accepts. */
  queuePage: (queue: QueueKey, options: { limit?: number; cursor?: string }, signal?: AbortSignal) =>
    api.get<CaseList>(
      `/api/v1/cases?${query({
        queue,
        limit: Math.min(MAX_PAGE, Math.max(1, options.limit ?? QUEUE_PAGE)),
        cursor: options.cursor,
      })}`,
      signal,
    ),

  /** Customers this phone number belongs to, best first. */
  matchPhone: (phone: string, signal: AbortSignal) =>
    api.get<CustomerMatches>(`/api/v1/customers/match?${query({ phone })}`, signal),

  /** A customer's cases neither resolved nor closed, most recently active first. */
  openCasesOf: (customerId: string, signal: AbortSignal) =>
    api.get<CaseList>(`/api/v1/cases?${query({ customerId, open: true, sort: 'updated_desc', limit: 20 })}`, signal),

  categories: (signal: AbortSignal) => api.get<{ items: CategoryDto[] }>('/api/v1/categories', signal),

  /** Logs a call; `idempotencyKey` makes a retry after a lost answer log it once. */
  logCall: (body: LogCallBody, idempotencyKey: string) =>
    apiRequest<LoggedCallDto>('/api/v1/calls', {
      method: 'POST',
      body,
      headers: { 'idempotency-key': idempotencyKey },
    }),

  setExpectedRemedy: (caseId: string, expectedRemedy: ExpectedRemedy) =>
    apiRequest<unknown>(`/api/v1/cases/${encodeURIComponent(caseId)}`, {
      method: 'PATCH',
      body: { expectedRemedy },
    }),
};
