import type { CoachFindingDto } from '@redress/contract';
import type { ComposerMessage } from './composer-errors.ts';

/** Language tags the coach uses, as `Intl.DisplayNames` names them best (by script for Chinese). */
const DISPLAY_TAGS: Record<string, string> = { 'zh-TW': 'zh-Hant', 'zh-CN': 'zh-Hans' };

/** A language code (`th`, `zh-TW`…) named in the reader's language: "Thai", "泰文". */
export const languageName = (code: string, readerLocale: string): string => {
  try {
    return new Intl.DisplayNames([readerLocale], { type: 'language' }).of(DISPLAY_TAGS[code] ?? code) ?? code;
  } catch {
    return code;
  }
};

/** Words in a list as the reader's language joins them: "a, b, and c", "a、b和c". */
export const listOf = (words: readonly string[], readerLocale: string): string =>
  new Intl.ListFormat([readerLocale], { type: 'conjunction' }).format(words);

const DEFENSIVE_KINDS = [
  'hides_behind_policy',
  'denies_responsibility',
  'blames_customer',
  'nothing_we_can_do',
  'passes_to_department',
] as const;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const words = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((w): w is string => typeof w === 'string') : [];

/** How to show instants and languages in the reader's terms. */
export interface Readers {
  locale: string;
  formatDateTime: (iso: string) => string;
}

/**
 * The words for a coach finding, from its `code` and `params` (never its English `message`), in
 * the reader's language: a defensive phrase by its kind, a promised time in the reader's calendar.
 */
export const findingMessage = (finding: CoachFindingDto, readers: Readers): ComposerMessage => {
  const { params } = finding;
  switch (finding.code) {
    case 'missing_name':
      return { key: 'composer.findings.missing_name', values: { name: text(params.name) } };
    case 'no_restatement':
      return { key: 'composer.findings.no_restatement' };
    case 'no_next_step':
      return { key: 'composer.findings.no_next_step' };
    case 'defensive_phrase': {
      const kind = DEFENSIVE_KINDS.find((k) => k === params.kind) ?? 'other';
      return { key: `composer.defensive.${kind}`, values: { phrase: text(params.phrase) } };
    }
    case 'ritual_apology_alone':
      return { key: 'composer.findings.ritual_apology_alone', values: { phrase: text(params.phrase) } };
    case 'unbacked_promise': {
      const dueAt = text(params.dueAt);
      return {
        key: 'composer.findings.unbacked_promise',
        values: { phrase: text(params.phrase), due: dueAt === '' ? '' : readers.formatDateTime(dueAt) },
      };
    }
    case 'language_mismatch':
      return {
        key: 'composer.findings.language_mismatch',
        values: {
          draftLanguage: languageName(text(params.draftLanguage), readers.locale),
          customerLanguage: languageName(text(params.customerLanguage), readers.locale),
        },
      };
  }
};

/** The customer's words a `use_customer_words` suggestion offers, quoted and listed. */
export const customerWordsOf = (finding: CoachFindingDto): string[] =>
  finding.suggestion?.action === 'use_customer_words' ? finding.suggestion.words : words(finding.params.words);
