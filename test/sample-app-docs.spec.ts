import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandLine } from '../sample-app/tour/commands.js';
import { generatedSections, sectionOf, withGeneratedSections } from '../sample-app/tour/docs-sections.js';
import { TOUR } from '../sample-app/tour/tour.js';
import { renderTourTable } from '../sample-app/tour/tour-table.js';
import type { TourStep } from '../sample-app/tour/tour-step.js';

/**
 * docs/sample-app.md shows the tour that test/sample-app.e2e.spec.ts runs:
 * its generated parts are what the renderers make of sample-app/tour/tour.ts,
 * so a status, header or number that changes in the list (and so in the app)
 * cannot stay wrong on the page.
 */
const PAGE = readFileSync(new URL('../docs/sample-app.md', import.meta.url), 'utf8');

describe('docs/sample-app.md', () => {
  it.each(Object.entries(generatedSections()))('its "%s" section is generated from the tour (npm run docs:tour rewrites it)', (name, content) => {
    expect(sectionOf(PAGE, name), 'run npm run docs:tour').toBe(content);
  });

  it('the table has one numbered row per step, in the tour\'s order', () => {
    const rows = sectionOf(PAGE, 'tour').split('\n').slice(2);
    expect(rows.map((row) => row.split(' | ')[0])).toEqual(TOUR.map((_step, index) => `| ${index + 1}`));
    expect(rows[9]).toContain('`curl -i -X DELETE localhost:3000/storage/files/hello.txt` | `204`');
  });
});

describe('the generated sections', () => {
  it('rewriting an up-to-date page changes nothing; a stale one gets the table back', () => {
    expect(withGeneratedSections(PAGE)).toBe(PAGE);
    const stale = PAGE.replace('"free":79', '"free":80');
    expect(stale).not.toBe(PAGE);
    expect(withGeneratedSections(stale)).toBe(PAGE);
  });

  it('a page without the markers is refused, saying which markers to restore', () => {
    expect(() => sectionOf('# no markers', 'tour')).toThrow(/lost the markers of its "tour" section: put\n<!-- tour:start/);
  });
});

describe('the table renderer', () => {
  const step = (overrides: Partial<TourStep>): TourStep =>
    ({ context: 'http', method: 'GET', path: '/x', description: 'd', expect: { status: 200, body: {} }, ...overrides }) as TourStep;

  it('escapes | in every cell, code spans included (GitHub splits cells on it)', () => {
    const table = renderTourTable([step({ path: '/a|b', description: 'x | y', expect: { status: 200, body: { pipe: '|' } } } as Partial<TourStep>)]);
    expect(table.split('\n')[2]).toBe("| 1 | `curl -i 'localhost:3000/a\\|b'` | `200` `{\"pipe\":\"\\|\"}` | x \\| y |");
  });

  it('prints the first item of a long array and how many more; headers and texts as they are', () => {
    const table = renderTourTable([
      step({ expect: { status: 200, body: { items: [1, 2, 3] } } } as Partial<TourStep>),
      step({ expect: { status: 308, headers: { location: '/y' }, text: { express: 'Redirecting', fastify: '' } } } as Partial<TourStep>),
    ]);
    expect(table).toContain('| `200` `{"items":[1,… 2 more]}` |');
    expect(table).toContain('| `308` `location: /y` `Redirecting` |');
  });

  it('quotes for the shell what it would read: query strings, spaces, single quotes', () => {
    expect(commandLine(step({ path: '/f?limit=ten' } as Partial<TourStep>))).toBe("curl -i 'localhost:3000/f?limit=ten'");
    const put = step({ method: 'PUT', body: { content: "it's" } } as Partial<TourStep>);
    expect(commandLine(put)).toBe(`curl -i -X PUT localhost:3000/x -H 'content-type: application/json' -d '{"content":"it'\\''s"}'`);
  });
});
