import React from 'react'

export type Bar = { key: string; label: string; value: number; text: string }

const WIDTH = 600
const HEIGHT = 160

/**
 * A bar chart in plain SVG. The plot has a fixed height and stretches to its card's width (no
 * layout shift, nothing measured in the browser); the labels are HTML under it, so they never
 * stretch. Bars below zero (a day of refunds) hang under the baseline. Colours are the admin's
 * theme variables (light and dark); each bar's title gives its exact value.
 */
export function BarChart({ bars, label, peak }: { bars: Bar[]; label: string; peak: string }) {
  const max = Math.max(0, ...bars.map((b) => b.value))
  const min = Math.min(0, ...bars.map((b) => b.value))
  const span = max - min || 1
  const y = (v: number) => ((max - v) / span) * HEIGHT
  const step = WIDTH / Math.max(1, bars.length)
  const gap = Math.min(4, step * 0.25)
  const first = bars[0]
  const middle = bars[Math.floor((bars.length - 1) / 2)]
  const last = bars[bars.length - 1]
  return (
    <figure className="rl-chart">
      <span aria-hidden className="rl-chart__peak">
        {peak}
      </span>
      <svg
        aria-label={label}
        className="rl-chart__plot"
        preserveAspectRatio="none"
        role="img"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        xmlns="http://www.w3.org/2000/svg"
      >
        <line className="rl-chart__grid" x1="0" x2={WIDTH} y1="0.5" y2="0.5" />
        <line className="rl-chart__grid" x1="0" x2={WIDTH} y1={y(max / 2)} y2={y(max / 2)} />
        {bars.map((b, i) =>
          b.value === 0 ? null : (
            <rect
              className={b.value < 0 ? 'rl-chart__bar rl-chart__bar--negative' : 'rl-chart__bar'}
              data-value={b.value}
              height={Math.max(1, Math.abs(y(b.value) - y(0)))}
              key={b.key}
              width={Math.max(1, step - gap)}
              x={i * step + gap / 2}
              y={y(Math.max(0, b.value))}
            >
              <title>{`${b.label}: ${b.text}`}</title>
            </rect>
          ),
        )}
        <line className="rl-chart__axis" x1="0" x2={WIDTH} y1={y(0)} y2={y(0)} />
      </svg>
      <div aria-hidden className="rl-chart__labels">
        <span>{first?.label}</span>
        <span>{middle?.label}</span>
        <span>{last?.label}</span>
      </div>
    </figure>
  )
}
