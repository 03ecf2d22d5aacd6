/**
 * How a service reaches its repository port without knowing the database: `read` for queries,
 * `write` for one transaction whose effects (rows and events) commit together or not at all.
 * `storage/` builds these; services receive them through their factory.
 */
export interface UnitOfWork<Port> {
  readonly read: Port;
  write<T>(work: (port: Port) => Promise<T>): Promise<T>;
}

/** A domain event as services produce it; `storage/` gives it an id and a sequence number. */
export interface NewEvent {
  readonly type: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly actorId: string | null;
  readonly requestId: string | null;
  readonly payload: Record<string, unknown>;
  readonly occurredAt: Date;
}

/** Who is acting and on behalf of which request: what every use case receives. */
export interface Context {
  readonly actor: Actor;
  readonly requestId: string | null;
}

/**
 * Where an actor may see and act. List queries are narrowed by this in SQL, not filtered after.
 * Brand roles (quality analyst, administrator) have `allSites`; everyone else sees their sites, and
 * department members see the cases their teams have tasks on.
 */
export interface Scope {
  readonly allSites: boolean;
  readonly siteIds: readonly string[];
  readonly teamIds: readonly string[];
}

export const ALL_SCOPE: Scope = { allSites: true, siteIds: [], teamIds: [] };

/** A signed-in user, or the system itself (jobs, CLI, migrations), which sees everything. */
export type Actor =
  | {
      readonly kind: 'user';
      readonly userId: string;
      readonly role: string;
      readonly via: 'session' | 'token';
      readonly scope: Scope;
    }
  | { readonly kind: 'system'; readonly name: string }
  /** Nobody signed in (public routes): holds no permission and sees nothing. */
  | { readonly kind: 'anonymous' };

export const NO_SCOPE: Scope = { allSites: false, siteIds: [], teamIds: [] };

export const scopeOf = (actor: Actor): Scope =>
  actor.kind === 'user' ? actor.scope : actor.kind === 'system' ? ALL_SCOPE : NO_SCOPE;

export const anonymousContext = (requestId: string | null): Context => ({ actor: { kind: 'anonymous' }, requestId });

export const systemContext = (name: string): Context => ({ actor: { kind: 'system', name }, requestId: null });
export const actorId = (actor: Actor): string | null => (actor.kind === 'user' ? actor.userId : null);
