import { renderLineChart } from '../../src/perfkit/charts';

const OPTIONS = {
  title: 'TCP latency, same node (qperf)',
  xLabels: ['1 B', '64 B', '1 KiB'],
  xName: 'message',
  yName: 'µs',
  series: [
    { name: 'vhost-user', values: [11.7, 11.6, 12], color: '#1f77b4' },
    { name: 'bridge', values: [42.6, null, 43.4], dashed: true },
  ],
};

describe('renderLineChart', () => {
  test('draws an SVG document without a browser', () => {
    expect(renderLineChart(OPTIONS)).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });

  test('writes the title and the legend', () => {
    const svg = renderLineChart(OPTIONS);
    expect(['TCP latency, same node (qperf)', 'vhost-user', 'bridge']
      .filter((text) => !svg.includes(`>${text}<`))).toEqual([]);
  });

  test('uses the colour given for a line', () => {
    expect(renderLineChart(OPTIONS)).toContain('stroke="#1f77b4"');
  });

  test('refuses a zero, which a log axis cannot show and which is never a measurement', () => {
    const series = [{ name: 'bridge', values: [0, 1, 2] }];
    expect(() => renderLineChart({ ...OPTIONS, series })).toThrow('chart "TCP latency, same '
      + 'node (qperf)": series "bridge" holds 0; a log axis shows positive values only. '
      + 'Pass null for a step that measured nothing.');
  });

  test('refuses a series with a value missing', () => {
    const series = [{ name: 'bridge', values: [1, 2] }];
    expect(() => renderLineChart({ ...OPTIONS, series }))
      .toThrow('series "bridge" has 2 values for 3 x labels');
  });
});
