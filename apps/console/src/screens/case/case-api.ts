import type {
  BreakCommitmentBody,
  CaseDto,
  CaseEmailList,
  CaseList,
  CaseRiskDto,
  CaseTaskList,
  CategoryDto,
  ColleagueList,
  ClockList,
  CommitmentChangeDto,
  CommitmentDto,
  CommitmentList,
  CompensationDto,
  CompensationListDto,
  CreateTaskBody,
  CustomerDecisionBody,
  CustomerDto,
  CustomerResponseBody,
  DeEscalateBody,
  EscalateBody,
  EscalationDto,
  EscalationListDto,
  FollowUpList,
  HandoffBody,
  KeyPersonBody,
  LadderDto,
  ProposeCompensationBody,
  RenegotiateCommitmentBody,
  ResolutionBody,
  RootCauseDto,
  SimilarCasesDto,
  SurveyList,
  TaskDto,
  TeamDto,
  TransitionBody,
} from '@redress/contract';
import { api } from '../../api.ts';

/** Every API call the case page makes, typed by the contract. Ids are path-encoded. */
const BASE = '/api/v1';
const at = (...parts: string[]) => `${BASE}/${parts.map(encodeURIComponent).join('/')}`;

export const caseApi = {
  getCase: (id: string, signal?: AbortSignal) => api.get<CaseDto>(at('cases', id), signal),
  clocks: (id: string, signal?: AbortSignal) => api.get<ClockList>(at('cases', id, 'clocks'), signal),
  commitments: (id: string, signal?: AbortSignal) => api.get<CommitmentList>(at('cases', id, 'commitments'), signal),
  tasks: (id: string, signal?: AbortSignal) => api.get<CaseTaskList>(at('cases', id, 'tasks'), signal),
  escalations: (id: string, signal?: AbortSignal) => api.get<EscalationListDto>(at('cases', id, 'escalations'), signal),
  risk: (id: string, signal?: AbortSignal) => api.get<CaseRiskDto>(at('cases', id, 'risk'), signal),
  compensations: (id: string, signal?: AbortSignal) =>
    api.get<CompensationListDto>(at('cases', id, 'compensations'), signal),
  similar: (id: string, signal?: AbortSignal) => api.get<SimilarCasesDto>(at('cases', id, 'similar'), signal),
  emails: (id: string, signal?: AbortSignal) => api.get<CaseEmailList>(at('cases', id, 'emails'), signal),
  followups: (id: string, signal?: AbortSignal) => api.get<FollowUpList>(at('cases', id, 'followups'), signal),
  surveys: (id: string, signal?: AbortSignal) => api.get<SurveyList>(at('cases', id, 'surveys'), signal),
  customer: (customerId: string, signal?: AbortSignal) => api.get<CustomerDto>(at('customers', customerId), signal),
  /** The customer's other cases, newest first. */
  customerCases: (customerId: string, signal?: AbortSignal) =>
    api.get<CaseList>(`${BASE}/cases?customerId=${encodeURIComponent(customerId)}&limit=20`, signal),
  ladder: (signal?: AbortSignal) => api.get<LadderDto>(`${BASE}/escalation/levels`, signal),
  rootCauses: (signal?: AbortSignal) => api.get<{ items: RootCauseDto[] }>(`${BASE}/root-causes`, signal),
  categories: (signal?: AbortSignal) => api.get<{ items: CategoryDto[] }>(`${BASE}/categories`, signal),
  teams: (signal?: AbortSignal) => api.get<{ items: TeamDto[] }>(`${BASE}/teams`, signal),
  /** The people at the reader's sites (not the administrator's user list): names, roles, sites, teams. */
  colleagues: (signal?: AbortSignal) => api.get<ColleagueList>(`${BASE}/colleagues?limit=500`, signal),

  transition: (id: string, body: TransitionBody) => api.post<CaseDto>(at('cases', id, 'transitions'), body),
  recordResolution: (id: string, body: ResolutionBody) => api.post<CaseDto>(at('cases', id, 'resolution'), body),
  recordDecision: (id: string, body: CustomerDecisionBody) =>
    api.post<CaseDto>(at('cases', id, 'customer-decision'), body),
  handOff: (id: string, body: HandoffBody) => api.post<CaseDto>(at('cases', id, 'handoff'), body),
  addKeyPerson: (id: string, body: KeyPersonBody) => api.post<CaseDto>(at('cases', id, 'key-people'), body),
  createTask: (id: string, body: CreateTaskBody) => api.post<TaskDto>(at('cases', id, 'tasks'), body),
  escalate: (id: string, body: EscalateBody) => api.post<EscalationDto>(at('cases', id, 'escalations'), body),
  deEscalate: (id: string, body: DeEscalateBody) => api.post<EscalationDto>(at('cases', id, 'de-escalations'), body),
  keep: (commitmentId: string) => api.post<CommitmentDto>(at('commitments', commitmentId, 'keep')),
  breakPromise: (commitmentId: string, body: BreakCommitmentBody) =>
    api.post<CommitmentDto>(at('commitments', commitmentId, 'break'), body),
  renegotiate: (commitmentId: string, body: RenegotiateCommitmentBody) =>
    api.post<CommitmentChangeDto>(at('commitments', commitmentId, 'renegotiate'), body),
  proposeCompensation: (id: string, body: ProposeCompensationBody) =>
    api.post<CompensationDto>(at('cases', id, 'compensations'), body),
  customerResponse: (compensationId: string, body: CustomerResponseBody) =>
    api.post<CompensationDto>(at('compensations', compensationId, 'customer-response'), body),
  delivered: (compensationId: string, deliveredAt: string) =>
    api.post<CompensationDto>(at('compensations', compensationId, 'delivered'), { deliveredAt }),
};
