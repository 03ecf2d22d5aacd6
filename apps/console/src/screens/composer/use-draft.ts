import { useCallback, useEffect, useState } from 'react';
import type { ComposerMode } from './composer-api.ts';

/** What the composer keeps of an unsent draft, per case, for the life of the browser tab. */
export interface StoredDraft {
  mode: ComposerMode;
  text: string;
}

const EMPTY: StoredDraft = { mode: 'reply', text: '' };

/** The `sessionStorage` key of a case's draft. */
export const draftStorageKey = (caseId: string) => `redress.composer.${caseId}`;

/** The stored draft of a case, or an empty reply when there is none (or storage is unavailable). */
export const readStoredDraft = (caseId: string): StoredDraft => {
  try {
    const raw = sessionStorage.getItem(draftStorageKey(caseId));
    if (raw === null) return EMPTY;
    const parsed = JSON.parse(raw) as Partial<StoredDraft>;
    return {
      mode: parsed.mode === 'note' ? 'note' : 'reply',
      text: typeof parsed.text === 'string' ? parsed.text : '',
    };
  } catch {
    return EMPTY;
  }
};

const writeStoredDraft = (caseId: string, draft: StoredDraft): void => {
  try {
    if (draft.text === '' && draft.mode === 'reply') sessionStorage.removeItem(draftStorageKey(caseId));
    else sessionStorage.setItem(draftStorageKey(caseId), JSON.stringify(draft));
  } catch {
    // Storage full or blocked (private mode): the draft still lives on screen.
  }
};

/**
 * The composer's draft and mode, kept in `sessionStorage` per case so a reload or a wander to
 * another page and back does not lose what the agent wrote. Switching cases reads that case's draft.
 */
export const useStoredDraft = (caseId: string) => {
  const [state, setState] = useState(() => ({ caseId, draft: readStoredDraft(caseId) }));
  // A different case: show its own draft (derived during render, not in an effect, so no flash).
  const current = state.caseId === caseId ? state.draft : readStoredDraft(caseId);
  if (state.caseId !== caseId) setState({ caseId, draft: current });

  useEffect(() => {
    if (state.caseId === caseId) writeStoredDraft(caseId, state.draft);
  }, [caseId, state]);

  const setText = useCallback(
    (text: string) => setState((previous) => ({ ...previous, draft: { ...previous.draft, text } })),
    [],
  );
  const setMode = useCallback(
    (mode: ComposerMode) => setState((previous) => ({ ...previous, draft: { ...previous.draft, mode } })),
    [],
  );
  return { text: current.text, mode: current.mode, setText, setMode };
};
