import { useCallback, useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

/** Which private link a token belongs to: the case link or the survey link. */
export type LinkPurpose = 'case' | 'survey';

const storageKey = (purpose: LinkPurpose) => `redress.portal.${purpose}`;

/** `#token=abc` → `abc`; anything else → `undefined`. */
export const tokenFromHash = (hash: string): string | undefined => {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get('token')?.trim();
  return value ? value : undefined;
};

const readStored = (purpose: LinkPurpose): string | null => {
  try {
    return globalThis.sessionStorage?.getItem(storageKey(purpose)) ?? null;
  } catch {
    return null;
  }
};

const writeStored = (purpose: LinkPurpose, token: string | null): void => {
  try {
    if (token === null) globalThis.sessionStorage?.removeItem(storageKey(purpose));
    else globalThis.sessionStorage?.setItem(storageKey(purpose), token);
  } catch {
    // Storage unavailable: the token lasts while the page is open.
  }
};

/**
 * The private link's token. It arrives in the URL fragment (never sent to a server, never in a
 * Referer), is kept for this tab in sessionStorage so a reload still works, and is taken out of
 * the address bar at once (`replace`: history.replaceState) so it is not left in the history,
 * a bookmark or a screenshot. `forget` drops it when the server says the link is no longer valid.
 */
export const usePortalToken = (purpose: LinkPurpose) => {
  const location = useLocation();
  const navigate = useNavigate();
  const fromHash = tokenFromHash(location.hash);
  const [token, setToken] = useState<string | null>(() => fromHash ?? readStored(purpose));

  useEffect(() => {
    if (fromHash === undefined) return;
    writeStored(purpose, fromHash);
    setToken(fromHash);
    void navigate({ pathname: location.pathname, search: location.search }, { replace: true });
  }, [fromHash, purpose, navigate, location.pathname, location.search]);

  const forget = useCallback(() => {
    writeStored(purpose, null);
    setToken(null);
  }, [purpose]);

  return { token, forget };
};

/** A token kept from an earlier visit, without reading the URL (e.g. to offer the survey). */
export const storedToken = (purpose: LinkPurpose): string | null => readStored(purpose);
