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

const ALL: readonly Role[] = ['guide', 'team-leader', 'trainer', 'inspector', 'manager', 'superior', 'client-reviewer', 'admin'];
void ALL;

export const features: FeatureEntry[] = [
  // Features add their entry here, one line each.
];

export function featuresFor(role: Role): FeatureEntry[] {
  return features.filter((f) => f.roles.includes(role));
}
