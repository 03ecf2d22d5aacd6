import type { Locale } from '@redress/contract';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { fold } from '../../shared/text/fold.ts';

/**
 * Best answers (pillar 6): replies that worked, kept per category and language. The composer asks
 * for a case's category and gets that category's answers, then its parent's, up to the top, then
 * the general ones (no category): the nearest advice first. Pure: no I/O, no clock.
 */

/** One best answer. Title and body are plain text, stored exactly as written (never as HTML). */
export interface BestAnswer {
  readonly id: string;
  /** null: a general answer, offered for every category. */
  readonly categoryId: string | null;
  readonly language: Locale;
  readonly title: string;
  /** `{{customerName}}` and `{{caseRef}}` are filled in by the composer. */
  readonly body: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Who last wrote it (user id), and their name as it is now; null when the system did. */
  readonly updatedBy: string | null;
  readonly updatedByName: string | null;
}

/** The writable fields of an answer, cleaned. */
export interface AnswerFields {
  readonly categoryId: string | null;
  readonly language: Locale;
  readonly title: string;
  readonly body: string;
}

/**
 * How far up the tree the chain is followed. Categories nest at most four deep (cases/category.ts);
 * the bound only keeps a damaged tree (a cycle) from looping.
 */
export const MAX_CHAIN_LENGTH = 8;

/** Most words of a search that are each looked for; the rest are ignored. */
export const MAX_SEARCH_WORDS = 8;

/**
 * The category and its ancestors, nearest first: `[category, parent, grandparent, …]`. An id the
 * map does not know is a chain of itself alone (it has no answers, so only the general ones follow).
 */
export const categoryChain = (categoryId: string, parents: ReadonlyMap<string, string | null>): string[] => {
  const chain: string[] = [];
  for (let at: string | null = categoryId; at !== null; at = parents.get(at) ?? null) {
    if (chain.includes(at) || chain.length >= MAX_CHAIN_LENGTH) break;
    chain.push(at);
  }
  return chain;
};

/** What a search of answers compares against: the title and body folded (width, case, script). */
export const searchTextOf = (title: string, body: string): string => fold(`${title}\n${body}`);

/**
 * The words of a search, folded like `searchTextOf`; an answer matches when it holds every one.
 * Chinese and Thai, written without spaces, are one word per run and match as written.
 */
export const searchWords = (q: string | undefined): string[] =>
  q === undefined
    ? []
    : [
        ...new Set(
          fold(q)
            .split(/\s+/u)
            .filter((word) => word.length > 0),
        ),
      ].slice(0, MAX_SEARCH_WORDS);

const blank = (field: string): AppError =>
  new AppError(ErrorCode.ValidationFailed, `The ${field} must not be blank`, [
    { field: `/body/${field}`, message: 'must not be blank' },
  ]);

/** A title on one line: surrounding space dropped, runs of white space (line breaks too) made one space. */
export const cleanTitle = (title: string): string => {
  const cleaned = title.replace(/\s+/gu, ' ').trim();
  if (!cleaned) throw blank('title');
  return cleaned;
};

/** A body with plain line breaks and no surrounding white space; the lines inside are kept as written. */
export const cleanBody = (body: string): string => {
  const cleaned = body.replace(/\r\n?/gu, '\n').trim();
  if (!cleaned) throw blank('body');
  return cleaned;
};

/** The names of the fields `next` changes from `current`, in a fixed order. */
export const changedFields = (current: AnswerFields, next: AnswerFields): (keyof AnswerFields)[] =>
  (['categoryId', 'language', 'title', 'body'] as const).filter((field) => current[field] !== next[field]);
