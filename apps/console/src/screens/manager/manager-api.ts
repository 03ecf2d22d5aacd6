import type {
  CompensationDto,
  EarlyWarningDto,
  EscalationDto,
  ReportOverviewDto,
  SiteDto,
  WorkloadDto,
} from '@redress/contract';
import { api } from '../../api.ts';

/** How far ahead the board looks, in hours: the next few hours, a day, three days. */
export const LOOK_AHEAD_HOURS = [4, 24, 72] as const;
export type LookAheadHours = (typeof LOOK_AHEAD_HOURS)[number];

/** A report's range and site, as the API takes them: `[from, to)` instants in ISO 8601. */
export interface OverviewQuery {
  from: string;
  to: string;
  siteId?: string | undefined;
}

const overviewPath = ({ from, to, siteId }: OverviewQuery): string => {
  const params = new URLSearchParams({ from, to });
  if (siteId) params.set('siteId', siteId);
  return `/api/v1/reports/overview?${params.toString()}`;
};

/** The manager's endpoints: the early-warning board, decisions taken from it, and the reports. */
export const managerApi = {
  earlyWarning: (hours: LookAheadHours, signal?: AbortSignal) =>
    api.get<EarlyWarningDto>(`/api/v1/early-warning?hours=${hours}`, signal),
  workload: (signal?: AbortSignal) => api.get<WorkloadDto>('/api/v1/reports/workload', signal),
  approve: (compensationId: string) =>
    api.post<CompensationDto>(`/api/v1/compensations/${encodeURIComponent(compensationId)}/approve`, {}),
  reject: (compensationId: string, note: string) =>
    api.post<CompensationDto>(`/api/v1/compensations/${encodeURIComponent(compensationId)}/reject`, { note }),
  acknowledge: (escalationId: string) =>
    api.post<EscalationDto>(`/api/v1/escalations/${encodeURIComponent(escalationId)}/acknowledge`),
  overview: (query: OverviewQuery, signal?: AbortSignal) => api.get<ReportOverviewDto>(overviewPath(query), signal),
  sites: (signal?: AbortSignal) => api.get<{ items: SiteDto[] }>('/api/v1/sites', signal),
};
