import { useTranslation } from 'react-i18next';
import type { Deduction } from '../../domain/rules/leave-request';

/** The pay deduction of a leave (daily wage = monthly wage ÷ the policy divisor); the amount only for roles that see pay. */
export function CostLine({ cost, divisor }: { cost: Deduction; divisor: number }) {
  const { t } = useTranslation();
  const rate = Math.round(cost.rate * 100);
  const type = t(`leave.type.${cost.type}`);
  let text: string;
  if (cost.rate === 0) text = t('leave.cost.paid', { type });
  else if (cost.amount !== undefined) text = t('leave.cost.amount', { type, amount: cost.amount.toFixed(2), daily: cost.dailyWage?.toFixed(2), divisor, days: cost.days, rate });
  else text = t('leave.cost.rate', { type, divisor, days: cost.days, rate });
  return (
    <span className="leave-cost" data-testid="leave-cost">
      {text}
    </span>
  );
}
