import type {
  EmailTemplateList,
  InboundMailList,
  IntakeChannelList,
  SiteDto,
  TeamDto,
  UserDto,
  UserList,
  WebhookList,
} from '@redress/contract';
import { apiRequest } from '../../../api.ts';

const BASE = '/api/v1';

/** The administration API, relative to `/api/v1`. Every call rejects with an `ApiError`. */
export const adminApi = {
  get: <T>(path: string, signal?: AbortSignal) => apiRequest<T>(`${BASE}${path}`, signal ? { signal } : {}),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(`${BASE}${path}`, { method: 'POST', body }),
  put: <T>(path: string, body: unknown) => apiRequest<T>(`${BASE}${path}`, { method: 'PUT', body }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>(`${BASE}${path}`, { method: 'PATCH', body }),
  delete: <T = void>(path: string) => apiRequest<T>(`${BASE}${path}`, { method: 'DELETE' }),
};

/** Every user, following the cursor (an organisation has hundreds of staff, not millions). */
export const readAllUsers = async (signal?: AbortSignal): Promise<UserDto[]> => {
  const users: UserDto[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const page: UserList = await adminApi.get<UserList>(`/users?limit=200${query}`, signal);
    users.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return users;
};

export const readSites = async (signal?: AbortSignal): Promise<SiteDto[]> =>
  (await adminApi.get<{ items: SiteDto[] }>('/sites', signal)).items;

export const readTeams = async (signal?: AbortSignal): Promise<TeamDto[]> =>
  (await adminApi.get<{ items: TeamDto[] }>('/teams', signal)).items;

export const readChannels = async (signal?: AbortSignal) =>
  (await adminApi.get<IntakeChannelList>('/intake-channels', signal)).items;

export const readTemplates = async (signal?: AbortSignal) =>
  (await adminApi.get<EmailTemplateList>('/email-templates', signal)).items;

export const readWebhooks = async (signal?: AbortSignal) =>
  (await adminApi.get<WebhookList>('/webhooks', signal)).items;

export const readInboundMail = (query: string, signal?: AbortSignal) =>
  adminApi.get<InboundMailList>(`/inbound-mail${query}`, signal);
