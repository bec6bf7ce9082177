/** One figure of a dashboard: a term and its value (and what it is out of). */
export function Figure({ id, label, value, hint, tone }: { id: string; label: string; value: string; hint?: string; tone?: 'warn' | 'bad' }) {
  return (
    <div className={`figure${tone ? ` ${tone}` : ''}`} data-figure={id}>
      <dt>{label}</dt>
      <dd>
        <span className="figure-value" data-testid={`figure-${id}`}>
          {value}
        </span>
        {hint && <span className="figure-hint">{hint}</span>}
      </dd>
    </div>
  );
}
