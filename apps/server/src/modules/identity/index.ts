export {
  createIdentityService,
  type IdentityService,
  type CreateUserInput,
  type UpdateUserInput,
} from './identity.service.ts';
export type { IdentityRepository, NewUser, UserChanges } from './identity.repository.ts';
export type { User, Session, ApiToken } from './identity.ts';
export { presentUser, presentApiToken } from './identity.presenter.ts';
export { SESSION_TTL_MS } from './identity.ts';
export { authRoutes } from './auth.routes.ts';
export { usersRoutes } from './users.routes.ts';
export { tokensRoutes } from './tokens.routes.ts';
