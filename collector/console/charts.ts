import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
  type ChartConfiguration, type ChartDataset, type PointStyle,
} from 'chart.js';
import type { ChartSpec, DrawnChart } from './chart-figure.tsx';

/**
 * The dashboard's charts, drawn by Chart.js. This module is its own chunk (charts.js), which the dashboard asks for
 * with import() when it first shows a chart, so the queue (the console's first screen) never loads it. Only what
 * the two charts use is registered: bars and lines, their elements, a category and a linear axis, legend, tooltip.
 * Chart.js v4 sizes the canvas through CSSOM (canvas.style), which the console's CSP (style-src 'self') allows.
 */
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

/** The page's own Chart.js, so `Chart.getChart(canvas)` finds a drawn chart (the browser tests read its data). */
export { Chart };

/** A series differs by its marker's shape too, never by colour alone (WCAG 1.4.1). */
const pointStyles: PointStyle[] = ['circle', 'rect', 'triangle'];
const seriesColours = 6;

/**
 * The colours come from the console's stylesheet (its custom properties, as the canvas inherits them), where each
 * series colour keeps at least 3:1 against the page's white (WCAG 1.4.11), and the text is the page's own.
 */
function theme(canvas: HTMLCanvasElement) {
  const style = getComputedStyle(canvas);
  const value = (name: string) => style.getPropertyValue(name).trim();
  return {
    series: Array.from({ length: seriesColours }, (_, i) => value(`--series-${i}`)),
    text: value('--text'), grid: value('--line'),
    font: { family: style.fontFamily, size: parseFloat(style.fontSize) || 15 },
  };
}

function configuration(canvas: HTMLCanvasElement, spec: ChartSpec): ChartConfiguration<'bar' | 'line', (number | null)[], string> {
  const colours = theme(canvas);
  const datasets = spec.series.map((line, i): ChartDataset<'bar' | 'line', (number | null)[]> => {
    const colour = colours.series[i % colours.series.length]!;
    return spec.kind === 'bar'
      ? { label: line.name, data: [...line.values], backgroundColor: colour, borderColor: colour, borderWidth: 0, maxBarThickness: 48 }
      : {
        label: line.name, data: [...line.values], backgroundColor: colour, borderColor: colour, borderWidth: 2,
        pointStyle: pointStyles[i % pointStyles.length], pointRadius: 4, pointHoverRadius: 5, clip: false, // markers at 100% whole
      };
  });
  const format = (value: number | string) => spec.format(Number(value));
  return {
    type: spec.kind,
    data: { labels: [...spec.labels], datasets },
    options: {
      animation: false, // no motion at all, so prefers-reduced-motion is honoured whatever it says
      responsive: true, maintainAspectRatio: false, // the box's size is the stylesheet's (.chart-canvas)
      locale: spec.locale,
      color: colours.text,
      font: colours.font,
      scales: {
        x: { ticks: { color: colours.text, maxRotation: 0, autoSkip: true }, grid: { display: false }, border: { color: colours.text } },
        y: {
          beginAtZero: true, ...(spec.max === undefined ? {} : { max: spec.max }),
          ticks: { color: colours.text, callback: format, ...(spec.kind === 'bar' ? { precision: 0 } : {}) },
          grid: { color: colours.grid }, border: { display: false },
        },
      },
      plugins: {
        // Lines show their marker in the legend; bars, which differ by their place in the group, a square.
        legend: { labels: { color: colours.text, font: colours.font, boxWidth: 12, boxHeight: 12, usePointStyle: spec.kind === 'line' } },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${item.parsed.y === null ? '—' : format(item.parsed.y)}` } },
      },
    },
  };
}

/** Draws a chart on the canvas; update() redraws it with new figures or words, destroy() lets the canvas go. */
export function draw(canvas: HTMLCanvasElement, spec: ChartSpec): DrawnChart {
  const chart = new Chart(canvas, configuration(canvas, spec));
  return {
    update(next) {
      const { data, options } = configuration(canvas, next);
      chart.data = data;
      chart.options = options!;
      chart.update();
    },
    destroy: () => chart.destroy(),
  };
}
