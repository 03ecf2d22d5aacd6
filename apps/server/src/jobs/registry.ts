import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { Logger } from '../shared/logger.ts';

/** What a handler learns about the run it is in. */
export interface JobContext {
  readonly jobId: string;
  readonly name: string;
  /** 1 on the first run; a handler can tell a retry from a first try. */
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly workerId: string;
  /** A child logger already carrying the job id and name. */
  readonly logger: Logger;
}

/**
 * One kind of job (STYLE #8). The handler must be idempotent: a job runs at least once — again
 * after a failure, and again if its worker died after doing the work but before recording it.
 * Handlers get their services by closure (built once in main.ts), not from the context.
 */
export interface JobDefinition<S extends TSchema = TSchema> {
  /** Stable, dotted: `email.send`, `escalation.sweep`. Stored in the queue: never rename a live one. */
  readonly name: string;
  /** The payload's shape; checked before every run (invalid → the job is dead, with the reason). */
  readonly schema: S;
  // Method syntax on purpose: it lets a registry hold definitions with different payload types.
  handler(payload: Static<S>, context: JobContext): Promise<void>;
  /** Event types this job reacts to; `enqueueForEvent` fans each such event out to it. */
  readonly subscribesTo?: readonly string[];
  /**
   * Asked, synchronously, as each such event is appended: false leaves the event out (no job row).
   * A cheap filter for jobs that usually have nothing to do (webhooks with no subscriber); it must
   * answer true whenever it is unsure.
   */
  readonly wants?: (eventType: string) => boolean;
  /** Attempts before the job is marked dead; defaults to the queue's (5). */
  readonly maxAttempts?: number;
}

/** Identity helper that infers the payload type from the schema. */
export const defineJob = <S extends TSchema>(definition: JobDefinition<S>): JobDefinition<S> => definition;

/** Every job this process can run, by name; built once in main.ts from the modules' definitions. */
export interface JobRegistry {
  /** The names a runner may claim: a worker never claims a job it cannot run (rolling deploys). */
  readonly names: readonly string[];
  get(name: string): JobDefinition | undefined;
  /** The jobs subscribed to `eventType`, in registration order. */
  subscribersOf(eventType: string): readonly JobDefinition[];
}

/** Builds the registry. Throws on a duplicate name — two handlers for one queue row is a bug. */
export const createJobRegistry = (definitions: readonly JobDefinition[]): JobRegistry => {
  const byName = new Map<string, JobDefinition>();
  const byEvent = new Map<string, JobDefinition[]>();
  for (const definition of definitions) {
    if (byName.has(definition.name)) throw new Error(`Job "${definition.name}" is registered twice`);
    byName.set(definition.name, definition);
    for (const eventType of definition.subscribesTo ?? []) {
      byEvent.set(eventType, [...(byEvent.get(eventType) ?? []), definition]);
    }
  }
  const names = [...byName.keys()];
  return {
    names,
    get: (name) => byName.get(name),
    subscribersOf: (eventType) => {
      const subscribed = byEvent.get(eventType);
      if (!subscribed) return [];
      return subscribed.some((d) => d.wants) ? subscribed.filter((d) => d.wants?.(eventType) ?? true) : subscribed;
    },
  };
};

/** Checks `payload` against the job's schema; on failure says why, for `last_error`. */
export const checkPayload = <S extends TSchema>(
  definition: JobDefinition<S>,
  payload: unknown,
): { ok: true; payload: Static<S> } | { ok: false; reason: string } => {
  if (Value.Check(definition.schema, payload)) return { ok: true, payload };
  const problems = Value.Errors(definition.schema, payload)
    .slice(0, 5)
    .map((error) => `${error.instancePath || '/'} ${error.message}`);
  return { ok: false, reason: `invalid payload for ${definition.name}: ${problems.join('; ')}` };
};
