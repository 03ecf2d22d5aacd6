import type { CommitmentCheckDto, CommitmentDto } from '@redress/contract';
import type { Commitment } from './commitment.ts';
import type { PromiseFlag } from './over-promise.ts';

export const presentCommitment = (c: Commitment): CommitmentDto => ({
  id: c.id,
  caseId: c.caseId,
  text: c.text,
  promisedTo: c.promisedTo,
  keyPersonId: c.keyPersonId,
  dueAt: c.dueAt.toISOString(),
  madeBy: c.madeBy,
  madeAt: c.madeAt.toISOString(),
  messageEventId: c.messageEventId,
  dependsOn: [...c.dependsOn],
  remedy: c.remedy ? { ...c.remedy } : null,
  flags: [...c.flags],
  status: c.status,
  outcomeAt: c.outcomeAt?.toISOString() ?? null,
  keptOnTime: c.keptOnTime,
  renegotiatedFromId: c.renegotiatedFromId,
  renegotiatedToId: c.renegotiatedToId,
  atRiskAt: c.atRiskAt?.toISOString() ?? null,
});

export const presentFlags = (flags: readonly PromiseFlag[]): CommitmentCheckDto => ({
  flags: flags.map((flag) => ({
    code: flag.code,
    message: flag.message,
    ...(flag.taskId ? { taskId: flag.taskId } : {}),
    ...(flag.limitAt ? { limitAt: flag.limitAt.toISOString() } : {}),
  })),
});
