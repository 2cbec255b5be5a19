import { h } from 'preact';

/**
 * Small SVG charts of our own (no charting library is installed): each is an image with a text alternative that
 * states every value, beside a table of the same figures. Colours keep 3:1 against white (WCAG 1.4.11) and each
 * series also differs by shape or position, never by colour alone.
 */
const palette = ['#0a4fc2', '#b3261e', '#1e7b34', '#6b3fa0', '#8a5a00', '#005f73'];
const width = 640;
const height = 260;
const margin = { top: 16, right: 16, bottom: 44, left: 48 };
const plotWidth = width - margin.left - margin.right;
const plotHeight = height - margin.top - margin.bottom;

export interface Series { name: string; values: (number | null)[] }

/** A round top for the axis and up to five ticks on it. */
function ticks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const step = 10 ** Math.floor(Math.log10(max));
  const nice = [1, 2, 5, 10].map((factor) => factor * step).find((size) => max / size <= 5) ?? step * 10;
  return Array.from({ length: Math.ceil(max / nice) + 1 }, (_, i) => i * nice);
}

function describe(categories: string[], series: Series[], format: (value: number) => string): string {
  return series.map((line) => `${line.name}: ${categories.map((category, i) => `${category} ${line.values[i] === null ? '—' : format(line.values[i]!)}`).join(', ')}`).join('. ');
}

function Axis({ marks, top, format }: { marks: number[]; top: number; format: (value: number) => string }) {
  return (
    <g class="axis">
      {marks.map((mark) => {
        const y = margin.top + plotHeight - (mark / top) * plotHeight;
        return (
          <g key={mark}>
            <line x1={margin.left} x2={width - margin.right} y1={y} y2={y} stroke="#d0d0d0" />
            <text x={margin.left - 6} y={y + 4} text-anchor="end" font-size="12" fill="#333">{format(mark)}</text>
          </g>
        );
      })}
    </g>
  );
}

function Legend({ series }: { series: Series[] }) {
  return (
    <ul class="legend" aria-hidden="true">
      {series.map((line, i) => <li key={line.name}><span class={`swatch swatch-${i}`} />{line.name}</li>)}
    </ul>
  );
}

/** Bars grouped by category, one per series, side by side. */
export function BarChart({ title, categories, series, format = String }: {
  title: string; categories: string[]; series: Series[]; format?: (value: number) => string;
}) {
  const max = Math.max(0, ...series.flatMap((line) => line.values.map((value) => value ?? 0)));
  const marks = ticks(max);
  const top = marks[marks.length - 1]!;
  const group = plotWidth / Math.max(1, categories.length);
  const bar = (group * 0.8) / Math.max(1, series.length);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}. ${describe(categories, series, format)}`}>
        <Axis marks={marks} top={top} format={format} />
        {categories.map((category, c) => (
          <g key={category}>
            {series.map((line, s) => {
              const value = line.values[c] ?? 0;
              const barHeight = (value / top) * plotHeight;
              return <rect key={line.name} x={margin.left + c * group + group * 0.1 + s * bar} y={margin.top + plotHeight - barHeight}
                width={Math.max(1, bar - 2)} height={barHeight} fill={palette[s % palette.length]} />;
            })}
            <text x={margin.left + c * group + group / 2} y={height - margin.bottom + 18} text-anchor="middle" font-size="12" fill="#1a1a1a">{category}</text>
          </g>
        ))}
      </svg>
      <Legend series={series} />
    </figure>
  );
}

const markers = [
  (x: number, y: number) => <circle cx={x} cy={y} r={4} />,
  (x: number, y: number) => <rect x={x - 4} y={y - 4} width={8} height={8} />,
  (x: number, y: number) => <path d={`M${x} ${y - 5}L${x + 5} ${y + 4}L${x - 5} ${y + 4}Z`} />,
];

/** One line per series over the same points in time; each series has its own marker shape. */
export function LineChart({ title, labels, series, format = String, max }: {
  title: string; labels: string[]; series: Series[]; format?: (value: number) => string; max?: number;
}) {
  const marks = ticks(max ?? Math.max(0, ...series.flatMap((line) => line.values.map((value) => value ?? 0))));
  const top = marks[marks.length - 1]!;
  const step = plotWidth / Math.max(1, labels.length - 1);
  const x = (i: number) => margin.left + (labels.length === 1 ? plotWidth / 2 : i * step);
  const y = (value: number) => margin.top + plotHeight - (value / top) * plotHeight;
  const every = Math.ceil(labels.length / 6);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}. ${describe(labels, series, format)}`}>
        <Axis marks={marks} top={top} format={format} />
        {labels.map((label, i) => (i % every === 0
          ? <text key={label} x={x(i)} y={height - margin.bottom + 18} text-anchor="middle" font-size="12" fill="#1a1a1a">{label}</text>
          : null))}
        {series.map((line, s) => {
          const points = line.values.map((value, i) => (value === null ? null : [x(i), y(value)] as const));
          const path = points.reduce((d, point, i) => (point ? `${d}${d && points[i - 1] ? 'L' : 'M'}${point[0].toFixed(1)} ${point[1].toFixed(1)}` : d), '');
          const color = palette[s % palette.length];
          return (
            <g key={line.name} fill={color} stroke={color}>
              <path d={path} fill="none" stroke-width="2" />
              {points.map((point) => (point ? markers[s % markers.length]!(point[0], point[1]) : null))}
            </g>
          );
        })}
      </svg>
      <Legend series={series} />
    </figure>
  );
}
