import { foundation } from './0001_foundation.ts';
import { org } from './0002_org.ts';
import { customers } from './0003_customers.ts';
import { cases } from './0004_cases.ts';
import { attachments } from './0005_attachments.ts';
import { promises } from './0006_promises.ts';
import { search } from './0007_search.ts';
import { language } from './0008_language.ts';
import { recurrence } from './0009_recurrence.ts';
import { webhooks } from './0010_webhooks.ts';
import { customerSide } from './0011_customer_side.ts';
import { bestAnswers } from './0012_best_answers.ts';
import { consoleIndexes } from './0013_console_indexes.ts';
import { reportIndexes } from './0014_report_indexes.ts';
import type { Migration } from './types.ts';

/** Every migration in the order it runs. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  foundation,
  org,
  customers,
  cases,
  attachments,
  promises,
  search,
  language,
  recurrence,
  webhooks,
  customerSide,
  bestAnswers,
  consoleIndexes,
  reportIndexes,
];
