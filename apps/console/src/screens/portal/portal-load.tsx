import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.ts';
import { describeError, type ErrorMessage } from '../../errors.ts';
import { usePortalToken, type LinkPurpose } from './portal-token.ts';

/** What a page behind a private link has read so far. */
export type PortalLoad<T> =
  { state: 'loading' } | { state: 'ready'; value: T } | { state: 'invalid' } | { state: 'failed'; error: ErrorMessage };

/**
 * The link's token and what `read` returns for it, read again on `retry`. A link the server no
 * longer accepts (`link_invalid`) is forgotten and the load turns `invalid`; `invalidate` does the
 * same when a later call on the page hears it. `read` must be a stable function.
 */
export const usePortalLoad = <T,>(purpose: LinkPurpose, read: (token: string, signal: AbortSignal) => Promise<T>) => {
  const { token, forget } = usePortalToken(purpose);
  const [load, setLoad] = useState<PortalLoad<T>>({ state: 'loading' });
  const [reload, setReload] = useState(0);
  const invalidate = useCallback(() => {
    forget();
    setLoad({ state: 'invalid' });
  }, [forget]);

  useEffect(() => {
    if (!token) return;
    const controller = new AbortController();
    setLoad({ state: 'loading' });
    read(token, controller.signal).then(
      (value) => setLoad({ state: 'ready', value }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.code === 'link_invalid') invalidate();
        else setLoad({ state: 'failed', error: describeError(error) });
      },
    );
    return () => controller.abort();
  }, [token, reload, read, invalidate]);

  const retry = useCallback(() => setReload((n) => n + 1), []);
  return { token, load, setLoad, retry, invalidate };
};

/** The line shown while a page reads its link. */
export const PortalLoading = () => {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
};

/** Why the page could not be read, and a button to read it again. */
export const PortalRetry = ({ error, onRetry }: { error: ErrorMessage; onRetry: () => void }) => {
  const { t } = useTranslation();
  return (
    <>
      <p className="alert" role="alert">
        {t(error.key, error.values)}
      </p>
      <button type="button" className="button-quiet" onClick={onRetry}>
        {t('portal.common.tryAgain')}
      </button>
    </>
  );
};
