import {
  CommitmentFlagCodes,
  type BestAnswerList,
  type CaseDto,
  type CheckCommitmentBody,
  type CheckReplyBody,
  type CommitmentCheckDto,
  type CommitmentDto,
  type CommitmentFlagCode,
  type CreateCommitmentBody,
  type Locale,
  type MessageBody,
  type NoteBody,
  type ReplyCheckDto,
  type SendCaseEmailBody,
} from '@redress/contract';
import { api, apiRequest, ApiError } from '../../api.ts';
import { isLocale } from '../../i18n/i18n.ts';

/** How a reply reaches the customer: e-mailed when they have an address, else recorded as a message. */
export type ReplyRoute = 'email' | 'message';

/** What the agent is writing: words for the customer, or an internal note only staff see. */
export type ComposerMode = 'reply' | 'note';

/** The customer's e-mail address a reply goes to, when the caller may see one. */
export const customerAddress = (caseDto: CaseDto): string | undefined => caseDto.customer.emails?.[0];

export const replyRoute = (caseDto: CaseDto): ReplyRoute =>
  customerAddress(caseDto) === undefined ? 'message' : 'email';

/** The customer's language: the case's, else the customer's preference; `undefined` when unknown. */
export const customerLanguage = (caseDto: CaseDto): Locale | undefined => {
  if (isLocale(caseDto.language)) return caseDto.language;
  return isLocale(caseDto.customer.language) ? caseDto.customer.language : undefined;
};

/** The name a reply addresses: the one the customer prefers, else the one they gave. */
export const customerNameOf = (caseDto: CaseDto): string => caseDto.customer.preferredName ?? caseDto.customer.name;

const casePath = (caseId: string) => `/api/v1/cases/${encodeURIComponent(caseId)}`;

/** Best answers for the case's category (and its parents, then general ones) in the customer's language. */
export const fetchBestAnswers = (caseDto: CaseDto, signal: AbortSignal): Promise<BestAnswerList> => {
  const query = new URLSearchParams();
  if (caseDto.categoryId !== null) query.set('categoryId', caseDto.categoryId);
  const language = customerLanguage(caseDto);
  if (language !== undefined) query.set('language', language);
  const search = query.toString();
  return api.get<BestAnswerList>(`/api/v1/best-answers${search === '' ? '' : `?${search}`}`, signal);
};

/** The reply coach's reading of a draft; nothing is saved. */
export const checkReply = (caseId: string, draft: string, signal: AbortSignal): Promise<ReplyCheckDto> => {
  const body: CheckReplyBody = { caseId, draft };
  return apiRequest<ReplyCheckDto>('/api/v1/replies/check', { method: 'POST', body, signal });
};

/**
 * Saves what the agent wrote: a reply e-mailed to the customer (`POST /cases/:id/emails`) or, when
 * they have no address, recorded as an outbound message on the case's channel; or an internal note.
 */
export const saveDraft = async (caseDto: CaseDto, mode: ComposerMode, text: string): Promise<void> => {
  if (mode === 'note') {
    const body: NoteBody = { body: text };
    await api.post(`${casePath(caseDto.id)}/notes`, body);
    return;
  }
  if (replyRoute(caseDto) === 'email') {
    const body: SendCaseEmailBody = { body: text };
    await api.post(`${casePath(caseDto.id)}/emails`, body);
    return;
  }
  const body: MessageBody = { direction: 'outbound', body: text, channel: caseDto.channel };
  await api.post(`${casePath(caseDto.id)}/messages`, body);
};

/** Runs the over-promise guard on a promise before it is made. */
export const checkCommitment = (caseId: string, body: CheckCommitmentBody): Promise<CommitmentCheckDto> =>
  api.post<CommitmentCheckDto>(`${casePath(caseId)}/commitments/check`, body);

/** Records a promise; a flagged one only with every raised flag named in `acknowledgeFlags`. */
export const recordCommitment = (caseId: string, body: CreateCommitmentBody): Promise<CommitmentDto> =>
  api.post<CommitmentDto>(`${casePath(caseId)}/commitments`, body);

/**
 * The flags a refused promise still carries: the server answers `rule_violated` with one detail
 * per unacknowledged flag, its field `/flags/<code>`.
 */
export const refusedFlags = (error: unknown): CommitmentFlagCode[] => {
  if (!(error instanceof ApiError) || error.code !== 'rule_violated') return [];
  return error.details.flatMap((detail) => {
    const code = /^\/flags\/([a-z_]+)$/.exec(detail.field ?? '')?.[1];
    return CommitmentFlagCodes.find((known) => known === code) ?? [];
  });
};
