import type { ReplyCheckDto } from '@redress/contract';
import type { CoachResult, CoachSuggestion } from './reply-coach.ts';

const presentSuggestion = (suggestion: CoachSuggestion | null): ReplyCheckDto['findings'][number]['suggestion'] => {
  if (!suggestion) return null;
  if (suggestion.action === 'create_commitment') {
    return { action: suggestion.action, dueAt: suggestion.dueAt.toISOString(), text: suggestion.text };
  }
  if (suggestion.action === 'use_customer_words') return { action: suggestion.action, words: [...suggestion.words] };
  return suggestion;
};

/** The coach's findings as the API returns them (times as ISO 8601 UTC). */
export const presentReplyCheck = (result: CoachResult): ReplyCheckDto => ({
  language: result.language,
  findings: result.findings.map((f) => ({
    code: f.code,
    severity: f.severity,
    message: f.message,
    params: Object.fromEntries(
      Object.entries(f.params).map(([key, value]) => [key, typeof value === 'object' ? [...value] : value]),
    ),
    spans: f.spans.map((s) => ({ start: s.start, end: s.end, text: s.text })),
    suggestion: presentSuggestion(f.suggestion),
  })),
});
