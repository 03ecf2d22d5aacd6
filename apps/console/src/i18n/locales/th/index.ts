import admin from './admin.json';
import agent from './agent.json';
import caseArea from './case.json';
import common from './common.json';
import composer from './composer.json';
import manager from './manager.json';
import portal from './portal.json';
import rules from './rules.json';

/**
 * This language's catalogue, one file per area of the console so each area's strings sit
 * together. Areas never share a top-level key (tested), so the spread below loses nothing.
 */
export const AREAS = { common, portal, agent, case: caseArea, composer, manager, admin, rules };
export const catalogue = { ...common, ...portal, ...agent, ...caseArea, ...composer, ...manager, ...admin, ...rules };
