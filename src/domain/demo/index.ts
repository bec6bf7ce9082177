export { generateDemoOrg, type DemoOrg, type DemoOptions, type DemoUser } from './generate';
export { USER_IDS, hallSiteId, hotlineSiteId } from './org';
