import { h } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { UiLanguage } from '../../shared/ui-languages.ts';
import { locales } from './format.ts';

/**
 * The dashboard's charts: a figure with its caption and a canvas that Chart.js draws on. Chart.js lives in its own
 * chunk (charts.ts), loaded with import() the first time a chart is shown, so the console's first screen (the queue)
 * does not pay for it. The canvas is an image whose text alternative states every value, and each chart has a
 * table of the same figures beside it; until the chunk arrives the canvas is blank and its room already kept.
 */
export interface Series { name: string; values: (number | null)[] }

export interface ChartSpec {
  kind: 'bar' | 'line';
  labels: string[];
  series: Series[];
  format: (value: number) => string;
  max?: number;
  locale: string;
}

export interface DrawnChart {
  update(spec: ChartSpec): void;
  destroy(): void;
}

let charts: Promise<typeof import('./charts.ts')> | undefined;
const loadCharts = () => (charts ??= import('./charts.ts'));

export function describe(categories: string[], series: Series[], format: (value: number) => string): string {
  return series.map((line) => `${line.name}: ${categories.map((category, i) => `${category} ${line.values[i] === null ? '—' : format(line.values[i]!)}`).join(', ')}`).join('. ');
}

interface FigureProps {
  title: string; labels: string[]; series: Series[]; lang: UiLanguage; format?: (value: number) => string; max?: number;
}

function ChartFigure({ kind, title, labels, series, lang, format = String, max }: FigureProps & { kind: ChartSpec['kind'] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawn = useRef<DrawnChart | undefined>(undefined);
  const spec = useRef<ChartSpec | undefined>(undefined);
  spec.current = { kind, labels, series, format, max, locale: locales[lang] };
  // The whole console re-renders on any signal, so the chart is redrawn only when what it shows has changed.
  const shown = JSON.stringify([labels, series, max, lang]);

  useEffect(() => {
    let mounted = true;
    loadCharts().then(({ draw }) => {
      if (mounted && canvas.current) drawn.current = draw(canvas.current, spec.current!);
    }, (error: unknown) => console.error('the dashboard\'s charts did not load; the tables beside them hold every figure', error));
    return () => {
      mounted = false;
      drawn.current?.destroy();
      drawn.current = undefined;
    };
  }, []);
  useEffect(() => { drawn.current?.update(spec.current!); }, [shown]);

  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div class="chart-canvas">
        <canvas ref={canvas} role="img" aria-label={`${title}. ${describe(labels, series, format)}`} />
      </div>
    </figure>
  );
}

/** Bars grouped by category, one per series, side by side. */
export function BarChart({ categories, ...props }: Omit<FigureProps, 'labels'> & { categories: string[] }) {
  return <ChartFigure kind="bar" labels={categories} {...props} />;
}

/** One line per series over the same points in time; each series has its own marker shape. */
export function LineChart(props: FigureProps) {
  return <ChartFigure kind="line" {...props} />;
}
