import type { CaseSummaryDto, CustomerSummaryDto } from '@redress/contract';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.ts';
import { describeError, type ErrorMessage } from '../../errors.ts';
import { isLocale, LANGUAGE_NAMES } from '../../i18n/i18n.ts';
import { useFormatDate } from '../../preferences-context.tsx';
import { agentApi } from './agent-api.ts';
import { useCaseVocabulary } from './vocabulary.ts';

/** What is known about whoever is on the phone. */
export type Caller =
  | { phase: 'idle' }
  | { phase: 'incomplete' }
  | { phase: 'looking' }
  | { phase: 'unknown' }
  | { phase: 'failed'; error: ErrorMessage }
  | {
      phase: 'known';
      customer: CustomerSummaryDto;
      /** Other customers sharing the number (a family line, a shop). */
      others: number;
      openCases: CaseSummaryDto[] | 'failed';
    };

/** Fewer digits than this cannot be anybody's number yet: no lookup. */
const MIN_DIGITS = 6;

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

const lookUp = async (phone: string, signal: AbortSignal): Promise<Caller | null> => {
  try {
    const [best, ...rest] = (await agentApi.matchPhone(phone, signal)).items;
    if (!best) return { phase: 'unknown' };
    let openCases: CaseSummaryDto[] | 'failed';
    try {
      openCases = (await agentApi.openCasesOf(best.customer.id, signal)).items;
    } catch (error) {
      if (isAbort(error)) return null;
      openCases = 'failed';
    }
    return { phase: 'known', customer: best.customer, others: rest.length, openCases };
  } catch (error) {
    if (isAbort(error)) return null;
    // The server could not read it as a number yet: the agent is still typing.
    if (error instanceof ApiError && error.code === 'validation_failed') return { phase: 'incomplete' };
    return { phase: 'failed', error: describeError(error) };
  }
};

/**
 * Looks the caller up by `phone` once typing pauses for `delayMs`, with their open cases. Each
 * new keystroke cancels the lookup in flight, so an answer never belongs to an older number.
 * Without `allowed` (no `customer:read`) nothing is looked up.
 */
export const useCallerLookup = (phone: string, allowed: boolean, delayMs = 400): Caller => {
  const [caller, setCaller] = useState<Caller>({ phase: 'idle' });
  useEffect(() => {
    const digits = phone.replace(/\D/g, '').length;
    if (!allowed || digits === 0) {
      setCaller({ phase: 'idle' });
      return;
    }
    if (digits < MIN_DIGITS) {
      setCaller({ phase: 'incomplete' });
      return;
    }
    setCaller({ phase: 'looking' });
    const controller = new AbortController();
    const timer = setTimeout(() => {
      void lookUp(phone.trim(), controller.signal).then((found) => {
        if (found && !controller.signal.aborted) setCaller(found);
      });
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [phone, allowed, delayMs]);
  return caller;
};

/** Who is calling, as far as Redress knows, and their cases still open. Read out as it changes. */
export const CallerCard = ({ caller }: { caller: Caller }) => {
  const { t } = useTranslation();
  const vocab = useCaseVocabulary();
  const formatDate = useFormatDate();
  if (caller.phase === 'idle') return null;
  return (
    <section className="caller-card" aria-labelledby="caller-title" aria-live="polite">
      <h2 id="caller-title">{t('logCall.caller.title')}</h2>
      {caller.phase === 'incomplete' && <p className="muted">{t('logCall.caller.incomplete')}</p>}
      {caller.phase === 'looking' && <p className="muted">{t('logCall.caller.looking')}</p>}
      {caller.phase === 'unknown' && <p>{t('logCall.caller.unknown')}</p>}
      {caller.phase === 'failed' && (
        <p>
          {t(caller.error.key, caller.error.values)} {t('logCall.caller.failed')}
        </p>
      )}
      {caller.phase === 'known' && (
        <>
          <p className="caller-name">
            {caller.customer.preferredName
              ? t('logCall.caller.nameWithPreferred', {
                  name: caller.customer.name,
                  preferred: caller.customer.preferredName,
                })
              : caller.customer.name}
          </p>
          {isLocale(caller.customer.language) && (
            <p className="muted">
              {t('logCall.caller.speaks', { language: LANGUAGE_NAMES[caller.customer.language] })}
            </p>
          )}
          {caller.others > 0 && <p className="muted">{t('logCall.caller.others', { count: caller.others })}</p>}
          {caller.openCases === 'failed' ? (
            <p>{t('logCall.caller.casesFailed')}</p>
          ) : (
            <>
              <p>{t('logCall.caller.openCases', { count: caller.openCases.length })}</p>
              {caller.openCases.length > 0 && (
                <ul className="caller-cases">
                  {caller.openCases.map((item) => (
                    <li key={item.id}>
                      <strong>{item.ref}</strong> {item.subject ?? t('queues.noSubject')} ({vocab.status(item.status)},{' '}
                      {t('logCall.caller.updated', { time: formatDate(item.updatedAt, { style: 'dateTime' }) })})
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
};
