import { MAX_DRAFT_CHARS, type ReplyCheckDto } from '@redress/contract';
import { useEffect, useState } from 'react';
import { checkReply } from './composer-api.ts';

/** How long the agent pauses typing before the coach reads the draft, in milliseconds. */
export const COACH_PAUSE_MS = 700;

/** The coach's last reading, with the draft it read (its spans are offsets into that text). */
export interface CoachReading {
  caseId: string;
  draft: string;
  result: ReplyCheckDto;
}

export type CoachState =
  | { state: 'idle' }
  | { state: 'tooLong' }
  | { state: 'checking'; previous: CoachReading | null }
  | { state: 'ready'; reading: CoachReading }
  | { state: 'failed' };

interface Settled {
  key: string;
  outcome: { ok: true; reading: CoachReading } | { ok: false };
}

/**
 * Reads the draft with the reply coach once the agent pauses typing ({@link COACH_PAUSE_MS}), and
 * not while an input method is composing (the text is not final yet). A newer draft aborts the
 * request for an older one, so findings never arrive out of order. `generation` asks for a fresh
 * reading of the same draft (after a promise is recorded, an unbacked promise may now be backed).
 */
export const useReplyCoach = (
  caseId: string,
  draft: string,
  { enabled, paused, generation }: { enabled: boolean; paused: boolean; generation: number },
): CoachState => {
  const [settled, setSettled] = useState<Settled | null>(null);
  const [lastReading, setLastReading] = useState<CoachReading | null>(null);
  const key = `${caseId}\u0000${generation}\u0000${draft}`;
  const wanted = enabled && draft.trim() !== '' && draft.length <= MAX_DRAFT_CHARS;

  useEffect(() => {
    if (!wanted || paused) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      checkReply(caseId, draft, controller.signal).then(
        (result) => {
          if (controller.signal.aborted) return;
          const reading = { caseId, draft, result };
          setLastReading(reading);
          setSettled({ key, outcome: { ok: true, reading } });
        },
        () => {
          if (!controller.signal.aborted) setSettled({ key, outcome: { ok: false } });
        },
      );
    }, COACH_PAUSE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [caseId, draft, key, wanted, paused]);

  if (!enabled || draft.trim() === '') return { state: 'idle' };
  if (draft.length > MAX_DRAFT_CHARS) return { state: 'tooLong' };
  if (settled?.key !== key) return { state: 'checking', previous: lastReading?.caseId === caseId ? lastReading : null };
  return settled.outcome.ok ? { state: 'ready', reading: settled.outcome.reading } : { state: 'failed' };
};
