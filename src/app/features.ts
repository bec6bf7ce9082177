import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from '../domain/roles';

/**
 * The feature screens, each loaded on demand. A feature owns its folder under
 * src/features/<id>/: a default-exported component that renders its own
 * sub-routes (mounted at /<path>/*) and `messages.ts` with its zh-CN and en
 * strings (merged into the catalogs under the key <id>). Its nav label is the
 * message `<id>.nav`.
 */
export interface FeatureEntry {
  id: string;
  path: string;
  /** Roles that see the feature in the menu and may open it. */
  roles: readonly Role[];
  component: LazyExoticComponent<ComponentType>;
}

function feature(
  id: string,
  path: string,
  roles: readonly Role[],
  load: () => Promise<{ default: ComponentType }>,
): FeatureEntry {
  return { id, path, roles, component: lazy(load) };
}
void feature;

export const features: FeatureEntry[] = [
  // One line per feature, e.g.
  // feature('roster', 'roster', ['team-leader', 'manager', 'admin'], () => import('../features/roster/RosterFeature')),
  feature('inspections', 'inspections', ['inspector', 'manager', 'admin', 'team-leader'], () => import('../features/inspections/InspectionsFeature')),
  feature('attendance', 'attendance', ['team-leader', 'manager', 'superior', 'admin'], () => import('../features/attendance/AttendanceFeature')),
  feature('devices', 'devices', ['manager', 'admin'], () => import('../features/devices/DevicesFeature')),
  feature('training', 'training', ['trainer', 'manager', 'admin'], () => import('../features/training/TrainingFeature')),
  feature('roster', 'roster', ['guide', 'team-leader', 'manager', 'superior', 'admin', 'client-reviewer'], () => import('../features/roster/RosterFeature')),
  feature('leave', 'leave', ['guide', 'team-leader', 'manager', 'superior', 'admin'], () => import('../features/leave/LeaveFeature')),
  feature('staff', 'staff', ['manager', 'admin', 'superior', 'team-leader'], () => import('../features/staff/StaffFeature')),
  feature('sites', 'sites', ['manager', 'admin'], () => import('../features/sites/SitesFeature')),
  feature('reports', 'reports', ['manager', 'superior', 'client-reviewer', 'admin', 'team-leader'], () => import('../features/reports/ReportsFeature')),
  feature('reviews', 'reviews', ['manager', 'client-reviewer', 'superior', 'admin'], () => import('../features/reviews/ReviewsFeature')),
  feature('inbox', 'inbox', ['guide', 'team-leader', 'trainer', 'inspector', 'manager', 'superior', 'client-reviewer', 'admin'], () => import('../features/inbox/InboxFeature')),
  feature('sync', 'sync', ['guide', 'team-leader', 'trainer', 'inspector', 'manager', 'superior', 'client-reviewer', 'admin'], () => import('../features/sync/SyncCentre')),
];

export function featuresFor(role: Role): FeatureEntry[] {
  return features.filter((f) => f.roles.includes(role));
}
