import {
  PORTAL_TOKEN_HEADER,
  type PortalCaseDto,
  type PortalComplaintBody,
  type PortalComplaintReceiptDto,
  type PortalConfigDto,
  type PortalLinkRequestBody,
  type PortalLinkRequestedDto,
  type PortalMessageDto,
  type PortalSurveyAnswerBody,
  type PortalSurveyDto,
} from '@redress/contract';
import { ApiError, apiRequest, type RequestOptions } from '../../api.ts';

/**
 * The customer portal's calls. Customers have no session: no cookie is sent (a console user signed
 * in on the same browser must not act on a customer's case), and a private link's token travels in
 * the `x-portal-token` header only.
 */
const BASE = '/api/v1/portal';

const call = <T>(path: string, options: RequestOptions = {}, token?: string) =>
  apiRequest<T>(`${BASE}${path}`, {
    ...options,
    credentials: 'omit',
    ...(token === undefined ? {} : { headers: { [PORTAL_TOKEN_HEADER]: token } }),
  });

/** A multipart form: the JSON under `field`, then each file as `files`. */
const formOf = (field: string, value: unknown, files: readonly File[]): FormData => {
  const form = new FormData();
  form.append(field, JSON.stringify(value));
  for (const file of files) form.append('files', file, file.name);
  return form;
};

export const portalApi = {
  config: (channel: string | undefined, signal?: AbortSignal) =>
    call<PortalConfigDto>(
      `/config${channel ? `?${new URLSearchParams({ channel }).toString()}` : ''}`,
      signal ? { signal } : {},
    ),

  fileComplaint: (body: PortalComplaintBody, files: readonly File[]) =>
    call<PortalComplaintReceiptDto>('/complaints', { method: 'POST', form: formOf('complaint', body, files) }),

  requestLink: (body: PortalLinkRequestBody) => call<PortalLinkRequestedDto>('/links', { method: 'POST', body }),

  viewCase: (token: string, signal?: AbortSignal) => call<PortalCaseDto>('/case', signal ? { signal } : {}, token),

  reply: (token: string, body: string, files: readonly File[]) =>
    call<PortalMessageDto>('/case/messages', { method: 'POST', form: formOf('message', { body }, files) }, token),

  viewSurvey: (token: string, signal?: AbortSignal) =>
    call<PortalSurveyDto>('/survey', signal ? { signal } : {}, token),

  answerSurvey: (token: string, body: PortalSurveyAnswerBody) =>
    call<PortalSurveyDto>('/survey', { method: 'POST', body }, token),

  /**
   * A file on the case, fetched with the token (a plain link could not carry the header) and
   * handed to the browser as a download.
   */
  downloadAttachment: async (token: string, id: string, filename: string): Promise<void> => {
    let response: Response;
    try {
      response = await fetch(`${BASE}/case/attachments/${encodeURIComponent(id)}`, {
        headers: { [PORTAL_TOKEN_HEADER]: token },
        credentials: 'omit',
      });
    } catch (cause) {
      throw new ApiError(0, 'network', cause instanceof Error ? cause.message : 'Network error');
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
      throw new ApiError(response.status, body?.error?.code ?? 'unknown', `HTTP ${response.status}`);
    }
    const url = URL.createObjectURL(await response.blob());
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = filename;
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};
