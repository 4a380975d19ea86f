import type { ReactNode } from "react";

/** One mark of the chart beside what it means. */
function LegendMark({ label, width = 28, children }: { label: string; width?: number; children: ReactNode }) {
  return (
    <li>
      <svg width={width} height="20" aria-hidden="true">
        {children}
      </svg>
      {label}
    </li>
  );
}

/** What the shapes of the chart mean; colour is never the only signal. */
export function MarkLegend() {
  const stroke = "#1c2430";
  return (
    <ul className="mark-legend" aria-label="How claims are drawn">
      <LegendMark label="a figure">
        <circle cx="14" cy="10" r="4" fill={stroke} />
      </LegendMark>
      <LegendMark label="a range">
        <path d="M14 2v16M9 2h10M9 18h10" stroke={stroke} strokeWidth="2.5" />
      </LegendMark>
      <LegendMark label="more than / at least">
        <path d="M14 18V5M8 18h12" stroke={stroke} strokeWidth="1.5" />
        <path d="M14 1l-4 6h8z" fill={stroke} />
      </LegendMark>
      <LegendMark label="as many as / no more than">
        <path d="M14 2v13M8 2h12" stroke={stroke} strokeWidth="1.5" />
        <path d="M14 19l-4-6h8z" fill={stroke} />
      </LegendMark>
      <LegendMark label="vague (“thousands”)">
        <rect x="4" y="3" width="20" height="14" fill="none" stroke={stroke} strokeDasharray="3 2" />
      </LegendMark>
      <LegendMark label="date known to the week, month or year" width={40}>
        <path d="M3 10h34M3 6v8M37 6v8" stroke={stroke} strokeWidth="1.5" />
        <circle cx="20" cy="10" r="3.5" fill={stroke} />
      </LegendMark>
      <LegendMark label="disputed">
        <circle cx="12" cy="10" r="7" fill="none" stroke="#b91c1c" strokeWidth="2" strokeDasharray="3 2" />
        <text x="20" y="8" fontSize="10" fontWeight="bold" fill="#b91c1c">
          ?
        </text>
      </LegendMark>
    </ul>
  );
}
