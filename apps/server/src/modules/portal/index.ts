/** The customer portal's public door: the complaint form, private links, the case view, replies, surveys. */
export type { PortalChannel, PortalRepository, PortalStore } from './portal.repository.ts';
export {
  createPortalService,
  type FiledComplaint,
  type PortalService,
  type PortalServiceDeps,
  type PortalSurveyView,
} from './portal.service.ts';
export { portalRoutes, type PortalRouteOptions } from './portal.routes.ts';
