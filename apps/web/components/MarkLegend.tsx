/** What the shapes of the chart mean; colour is never the only signal. */
export function MarkLegend() {
  const stroke = "#1c2430";
  return (
    <ul className="mark-legend" aria-label="How claims are drawn">
      <li>
        <svg width="28" height="20" aria-hidden="true">
          <circle cx="14" cy="10" r="4" fill={stroke} />
        </svg>
        a figure
      </li>
      <li>
        <svg width="28" height="20" aria-hidden="true">
          <path d="M14 2v16M9 2h10M9 18h10" stroke={stroke} strokeWidth="2.5" />
        </svg>
        a range
      </li>
      <li>
        <svg width="28" height="20" aria-hidden="true">
          <path d="M14 18V5M8 18h12" stroke={stroke} strokeWidth="1.5" />
          <path d="M14 1l-4 6h8z" fill={stroke} />
        </svg>
        more than / at least
      </li>
      <li>
        <svg width="28" height="20" aria-hidden="true">
          <path d="M14 2v13M8 2h12" stroke={stroke} strokeWidth="1.5" />
          <path d="M14 19l-4-6h8z" fill={stroke} />
        </svg>
        as many as / no more than
      </li>
      <li>
        <svg width="28" height="20" aria-hidden="true">
          <rect x="4" y="3" width="20" height="14" fill="none" stroke={stroke} strokeDasharray="3 2" />
        </svg>
        vague (“thousands”)
      </li>
      <li>
        <svg width="40" height="20" aria-hidden="true">
          <path d="M3 10h34M3 6v8M37 6v8" stroke={stroke} strokeWidth="1.5" />
          <circle cx="20" cy="10" r="3.5" fill={stroke} />
        </svg>
        date known to the week, month or year
      </li>
      <li>
        <svg width="28" height="20" aria-hidden="true">
          <circle cx="12" cy="10" r="7" fill="none" stroke="#b91c1c" strokeWidth="2" strokeDasharray="3 2" />
          <text x="20" y="8" fontSize="10" fontWeight="bold" fill="#b91c1c">
            ?
          </text>
        </svg>
        disputed
      </li>
    </ul>
  );
}
