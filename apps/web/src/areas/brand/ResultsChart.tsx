/**
 * A bar per influencer (reach), drawn as SVG of our own: no chart library in any chunk. The
 * numbers are in the table beside it; the picture has a text alternative.
 */
export function ResultsChart({ bars }: { bars: { label: string; value: number }[] }) {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const row = 28;
  const width = 320;
  const labelWidth = 110;
  return (
    <svg
      className="chart"
      role="img"
      aria-label={`Reach per influencer: ${bars.map((b) => `${b.label} ${b.value}`).join(', ')}`}
      viewBox={`0 0 ${width} ${bars.length * row}`}
      width="100%"
    >
      {bars.map((bar, i) => {
        const length = ((width - labelWidth - 60) * bar.value) / max;
        return (
          <g key={bar.label} transform={`translate(0 ${i * row})`}>
            <text x={0} y={18} fontSize={12} fill="currentColor">
              {bar.label.length > 16 ? `${bar.label.slice(0, 15)}…` : bar.label}
            </text>
            <rect x={labelWidth} y={6} width={length} height={16} rx={3} className="bar" />
            <text x={labelWidth + length + 6} y={18} fontSize={12} fill="currentColor">
              {bar.value.toLocaleString()}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
