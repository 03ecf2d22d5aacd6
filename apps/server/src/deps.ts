import type { Config } from './config.ts';
import { createIdentityService, type IdentityService } from './modules/identity/index.ts';
import { createOrgService, type OrgService } from './modules/org/index.ts';
import type { Clock } from './shared/clock.ts';
import type { Database } from './storage/index.ts';
import { identityRepository } from './storage/repositories/identity.repository.ts';
import { orgRepository } from './storage/repositories/org.repository.ts';
import { unitOfWork } from './storage/unit-of-work.ts';

/** Every service, built once from the database and the clock. Plain factories, no container. */
export interface Deps {
  readonly config: Config;
  readonly db: Database;
  readonly clock: Clock;
  readonly identity: IdentityService;
  readonly org: OrgService;
}

export const createDeps = (config: Config, db: Database, clock: Clock): Deps => {
  const identity = createIdentityService({ store: unitOfWork(db, identityRepository), clock });
  const org = createOrgService({ store: unitOfWork(db, orgRepository), clock });
  return { config, db, clock, identity, org };
};
