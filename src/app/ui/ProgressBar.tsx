/** Progress of long work (exports, imports, first sync): a labelled native <progress>. */
export function ProgressBar({ label, value, max }: { label: string; value: number; max: number }) {
  return (
    <div className="progress" role="group" aria-label={label}>
      <span>{label}</span>
      <progress value={value} max={Math.max(max, 1)} />
      <span aria-hidden="true">{max > 0 ? Math.round((value / max) * 100) : 0}%</span>
    </div>
  );
}
