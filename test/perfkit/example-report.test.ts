import { readFileSync } from 'fs';
import { join } from 'path';
import { exampleReport } from '../../examples/perf-report/generate';

const DIR = join(__dirname, '../../examples/perf-report');
const read = (path: string) => readFileSync(join(DIR, path), 'utf8');

/** The report without its title and note, which name the machine it ran on. */
const body = (text: string) => text.slice(text.indexOf('Read from'));

describe('examples/perf-report', () => {
  const files = exampleReport(read('loopback-client.log'), 2);

  test('its README is the report of its recorded log', () => {
    expect(body(read('README.md'))).toBe(body(files[0].content));
  });

  test.each(files.slice(1).map((f) => f.path))('%s is the chart of its recorded log', (path) => {
    expect(read(path)).toBe(files.find((f) => f.path === path)?.content);
  });

  test('the recorded run measured every step it planned', () => {
    expect(body(read('README.md'))).not.toMatch(/(failed|not run) \[\d+\]/);
  });
});
