/** The customer portal's public door: the complaint form, private links, the case view, replies, surveys. */
export type {
  PortalChannel,
  PortalFile,
  PortalMessageRecord,
  PortalRepository,
  PortalStore,
  PortalSubmission,
  PortalSubmissionStatus,
} from './portal.repository.ts';
export {
  createPortalService,
  type FiledComplaint,
  type PortalService,
  type PortalServiceDeps,
  type PortalSurveyView,
} from './portal.service.ts';
export { portalRoutes, type PortalRouteOptions } from './portal.routes.ts';
