import type { CaseDto, CoachFindingDto, ReplyCheckDto, TaskDto } from '@redress/contract';
import { configure, render, screen } from '@testing-library/react';
import { vi } from 'vitest';
import { AppProviders } from '../../app.tsx';
import { createI18n, type Locale } from '../../i18n/i18n.ts';
import { json } from '../../test/harness.tsx';
import { Composer } from './Composer.tsx';

/** A case as `GET /cases/:id` returns it to an agent who may read the customer's contacts. */
export const buildCase = (overrides: Partial<CaseDto> = {}): CaseDto => ({
  id: 'case_01MANGO',
  ref: 'C-2026-000123',
  status: 'investigating',
  channel: 'email',
  subject: '芒果乾發霉',
  description: '我買的芒果乾打開就發霉了，小孩已經吃了一片。',
  language: 'zh-TW',
  categoryId: 'cat_food',
  categoryKind: 'product_quality',
  severity: 'high',
  safety: true,
  priority: 'high',
  expectedRemedy: 'refund',
  productRef: null,
  orderRef: null,
  tags: [],
  siteId: 'site_tpe',
  owner: { id: 'usr_01TEST', name: 'Lin Mei' },
  customer: {
    id: 'cus_chen',
    name: '陳美玲',
    preferredName: '陳小姐',
    language: 'zh-TW',
    emails: ['chen@example.com'],
    phones: [],
  },
  resolution: null,
  customerDecision: null,
  mergedIntoId: null,
  createdAt: '2026-03-02T03:00:00.000Z',
  updatedAt: '2026-03-02T03:00:00.000Z',
  closedAt: null,
  ...overrides,
});

export const buildTask = (overrides: Partial<TaskDto> = {}): TaskDto => ({
  id: 'task_01STOCK',
  caseId: 'case_01MANGO',
  assigneeTeamId: 'team_wh',
  assigneeUserId: null,
  question: 'Check the warehouse stock of this batch',
  dueAt: '2026-03-06T09:00:00.000Z',
  status: 'open',
  answer: null,
  answeredBy: null,
  answeredAt: null,
  createdBy: 'usr_01TEST',
  createdAt: '2026-03-02T04:00:00.000Z',
  ...overrides,
});

// Patience for what waits on the coach's pause or the server: generous, because the console's
// tests share a busy machine, and a late answer is not a wrong one. Applies to the test files
// that import this kit (vitest isolates each file).
configure({ asyncUtilTimeout: 8000 });

/** For `describe`: a whole journey through the composer may take a while on a loaded machine. */
export const SLOW_TEST = { timeout: 30_000 };

export const CASE_PATH = '/api/v1/cases/case_01MANGO';
export const COACH = 'POST /api/v1/replies/check';
export const BEST_ANSWERS = 'GET /api/v1/best-answers?categoryId=cat_food&language=zh-TW';

/** The coach's answer with these findings. */
export const coachSays = (findings: CoachFindingDto[] = [], language: ReplyCheckDto['language'] = 'zh-TW') =>
  json(200, { language, findings } satisfies ReplyCheckDto);

/** The requests a composer makes by itself as it opens and as the agent types. */
export const quietServer = {
  [BEST_ANSWERS]: () => json(200, { items: [] }),
  [COACH]: () => coachSays(),
};

/** The JSON body a handler of the fake server received. */
export const jsonBody = <T,>(init: RequestInit | undefined): T =>
  (typeof init?.body === 'string' ? JSON.parse(init.body) : null) as T;

/** The JSON body of a recorded `fetch` call. */
export const bodyOf = (call: Parameters<typeof fetch> | undefined): unknown => jsonBody(call?.[1]);

export const renderComposer = ({
  caseDto = buildCase(),
  tasks = [],
  locale = 'en',
}: { caseDto?: CaseDto; tasks?: TaskDto[]; locale?: Locale } = {}) => {
  const onSaved = vi.fn();
  const view = render(
    <AppProviders i18n={createI18n(locale)}>
      <Composer caseDto={caseDto} tasks={tasks} onSaved={onSaved} />
    </AppProviders>,
  );
  return { ...view, onSaved };
};

/** The composer's text area, found by its label as a reader would. */
export const draftArea = (name: RegExp = /Your reply to/): HTMLTextAreaElement =>
  screen.getByRole<HTMLTextAreaElement>('textbox', { name });
