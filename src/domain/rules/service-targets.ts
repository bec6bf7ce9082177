import type { Policy } from '../policy';

/**
 * Service targets shown on dashboards (DOMAIN.md "Performance"): each measured
 * value against its policy target. Rates are 0–1; staffing is in days.
 */
export interface ServiceMeasures {
  satisfaction?: number;
  /** Share of complaints and enquiries answered within the reply window (24 h). */
  complaintReplyRate?: number;
  /** Share of staff still employed after a year. */
  staffStability?: number;
  qualityPassRate?: number;
  /** Days from a staffing request to the person in place (the longest open or recent one). */
  staffingDays?: number;
}

export type ServiceTargetKey = keyof ServiceMeasures;

export interface TargetStatus {
  key: ServiceTargetKey;
  value: number;
  target: number;
  /** At least the target (for staffing days: at most). */
  met: boolean;
}

/** Status of every measured target; unmeasured ones are left out. */
export function serviceTargetStatus(measures: ServiceMeasures, policy: Policy): TargetStatus[] {
  const t = policy.serviceTargets;
  const targets: Record<ServiceTargetKey, { target: number; atMost?: boolean }> = {
    satisfaction: { target: t.satisfaction },
    complaintReplyRate: { target: t.complaintReplyRate },
    staffStability: { target: t.staffStability },
    qualityPassRate: { target: t.qualityPassRate },
    staffingDays: { target: t.staffingWithinDays, atMost: true },
  };
  const out: TargetStatus[] = [];
  for (const key of Object.keys(targets) as ServiceTargetKey[]) {
    const value = measures[key];
    if (value === undefined) continue;
    const { target, atMost } = targets[key];
    out.push({ key, value, target, met: atMost ? value <= target : value >= target });
  }
  return out;
}

/** Whether a complaint or enquiry was answered within the reply window (24 h by default). */
export function repliedInTime(receivedAt: string, repliedAt: string | undefined, policy: Policy): boolean {
  if (!repliedAt) return false;
  return Date.parse(repliedAt) - Date.parse(receivedAt) <= policy.serviceTargets.complaintReplyWithinHours * 3_600_000;
}
