import * as echarts from 'echarts';

/** One line of a chart. */
export interface ChartSeries {
  /** Legend text, such as `vhost-user`. */
  readonly name: string;
  /** One value per x label; null where nothing was measured (a gap, never a zero). */
  readonly values: readonly (number | null)[];
  /**
   * Draw the line dashed (a second tool beside the first).
   *
   * @default false
   */
  readonly dashed?: boolean;
  /**
   * Colour of the line, so that one interface type looks the same in every chart.
   *
   * @default - the next colour of ECharts' palette
   */
  readonly color?: string;
}

/** A line chart of values by message size. */
export interface LineChartOptions {
  /** Title above the chart. */
  readonly title: string;
  /**
   * Smaller text under the title.
   *
   * @default - none
   */
  readonly subtitle?: string;
  /** The x axis labels, in order: message sizes such as `1 B`, `64 KiB`. */
  readonly xLabels: readonly string[];
  /** Name of the x axis. */
  readonly xName: string;
  /** Name of the y axis, with its unit: `µs`, `Gb/s`. */
  readonly yName: string;
  /** The lines. */
  readonly series: readonly ChartSeries[];
  /**
   * Width of the image, in pixels.
   *
   * @default 720
   */
  readonly width?: number;
  /**
   * Height of the image, in pixels.
   *
   * @default 400
   */
  readonly height?: number;
}

/**
 * A line chart as an SVG document, drawn by Apache ECharts' server-side
 * renderer (no browser, no canvas). The y axis is logarithmic: the guide's
 * values span four orders of magnitude (19.5 Mb/s to 25.4 Gb/s, 11.7 µs to
 * 154 ms). A null value leaves a gap in its line.
 *
 * @see https://echarts.apache.org/handbook/en/how-to/cross-platform/server/
 * @throws Error when a series has not one value per x label, or a value is not
 *   positive (a log axis cannot show it, and a zero is never a measurement)
 */
export function renderLineChart(options: LineChartOptions): string {
  for (const series of options.series) {
    if (series.values.length !== options.xLabels.length) {
      throw new Error(`chart "${options.title}": series "${series.name}" has `
        + `${series.values.length} values for ${options.xLabels.length} x labels; `
        + 'give one value (or null) per label.');
    }
    const bad = series.values.find((v) => v !== null && !(v > 0 && Number.isFinite(v)));
    if (bad !== undefined) {
      throw new Error(`chart "${options.title}": series "${series.name}" holds ${bad}; `
        + 'a log axis shows positive values only. Pass null for a step that measured nothing.');
    }
  }

  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: options.width ?? 720,
    height: options.height ?? 400,
  });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: 'DejaVu Sans, Verdana, sans-serif' },
      title: {
        text: options.title,
        subtext: options.subtitle ?? '',
        left: 'center',
        textStyle: { fontSize: 16 },
      },
      legend: { bottom: 4, itemGap: 24, itemWidth: 36 },
      grid: { left: 72, right: 96, top: 72, bottom: 64 },
      xAxis: {
        type: 'category',
        name: options.xName,
        nameLocation: 'end',
        data: [...options.xLabels],
        boundaryGap: false,
      },
      yAxis: {
        type: 'log',
        logBase: 10,
        name: options.yName,
        // A log axis computes its ticks as powers of ten with float error (0.1 ** 4
        // prints 0.00009999…): show each with at most three significant digits.
        axisLabel: { formatter: (value: number) => String(Number(value.toPrecision(3))) },
        minorSplitLine: { show: true, lineStyle: { opacity: 0.3 } },
      },
      series: options.series.map((series) => ({
        name: series.name,
        type: 'line',
        data: [...series.values],
        connectNulls: false,
        symbolSize: 7,
        lineStyle: { type: series.dashed === true ? 'dashed' : 'solid', width: 2 },
        ...(series.color !== undefined ? { color: series.color } : {}),
      })),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
