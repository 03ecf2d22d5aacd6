export { createCallService, type CallService, type LoggedCall } from './calls.service.ts';
export { callsRoutes } from './calls.routes.ts';
