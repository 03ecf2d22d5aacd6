export * from './auth.ts';
export * from './errors.ts';
export * from './health.ts';
export * from './permissions.ts';
export * from './roles.ts';
export * from './users.ts';
export * from './events.ts';
