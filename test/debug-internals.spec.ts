import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { html } from 'nestjs-error-handlers';
import { appFilePath } from '../src/debug/app-files.js';
import { errorChain } from '../src/debug/error-chain.js';
import { SourceReader } from '../src/debug/source-reader.js';
import { parseStack } from '../src/debug/stack-frames.js';
import { toErrorPage } from '../src/contexts/http/renderers/error-page.js';
import { toProblemDetails } from '../src/contexts/http/renderers/problem-details.js';

/** The pieces of debug mode and the formats, rule by rule, without HTTP. */

const ROOT = process.cwd();

describe('parseStack', () => {
  it('splits named, bare, URL and location-less frames', () => {
    const stack = [
      'Error: boom',
      '    at UsersService.find (/app/src/users.service.ts:12:11)',
      '    at async Promise.all (index 0)',
      '    at file:///app/dist/main.js:3:7',
      '    at new Client (node:internal/net:5:1)',
    ].join('\n');
    expect(parseStack(stack, 'boom')).toEqual([
      { text: 'UsersService.find (/app/src/users.service.ts:12:11)', fn: 'UsersService.find', location: '/app/src/users.service.ts', line: 12, column: 11 },
      { text: 'async Promise.all (index 0)' },
      { text: 'file:///app/dist/main.js:3:7', location: 'file:///app/dist/main.js', line: 3, column: 7 },
      { text: 'new Client (node:internal/net:5:1)', fn: 'new Client', location: 'node:internal/net', line: 5, column: 1 },
    ]);
  });

  it('does not take "at" lines inside the message for frames', () => {
    const message = 'bad input\n    at forged (/app/.env:1:1)';
    const error = new Error(message);
    const frames = parseStack(error.stack!, message);
    expect(frames.some((frame) => frame.text.includes('forged'))).toBe(false);
    expect(frames[0].location).toContain('debug-internals.spec.ts');
  });
});

describe('appFilePath', () => {
  it.each([
    [join(ROOT, 'src/users.ts'), join(ROOT, 'src/users.ts')],
    [pathToFileURL(join(ROOT, 'dist/main.js')).href, join(ROOT, 'dist/main.js')],
    [join(ROOT, 'node_modules/@nestjs/core/router/router-proxy.js'), undefined],
    ['node:internal/process/task_queues', undefined],
    ['/etc/passwd.js', undefined],
    [join(ROOT, '.env'), undefined],
    [join(ROOT, 'config.yaml'), undefined],
    ['native', undefined],
    ['src/relative.ts', undefined],
  ])('%s → %s', (location, expected) => {
    expect(appFilePath(location, ROOT)).toBe(expected);
  });
});

describe('SourceReader', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'debug-sources-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('gives the lines around a frame of the app, numbered from the file', () => {
    const file = join(scratch, 'service.ts');
    writeFileSync(file, ['one', 'two', 'three', 'four', 'five', 'six'].join('\n'));
    const excerpt = new SourceReader(1, scratch).excerpt({ text: '', location: file, line: 3, column: 1 });
    expect(excerpt).toEqual({ firstLine: 2, lines: ['two', 'three', 'four'], line: 3, file: 'service.ts' });
  });

  it('shows a window around the column of a minified line', () => {
    const minified = join(scratch, 'bundle.min.js');
    writeFileSync(minified, `// generated\n${'var a=1;'.repeat(2000)}throw new Error("minified boom");${'var b=2;'.repeat(2000)}\n`);
    const column = 2000 * 8 + 1;
    const excerpt = new SourceReader(0, scratch).excerpt({ text: '', location: minified, line: 2, column });
    expect(excerpt?.lines).toHaveLength(1);
    expect(excerpt!.lines[0].length).toBeLessThanOrEqual(202);
    expect(excerpt!.lines[0]).toContain('throw new Error("minified boom")');
    expect(excerpt!.lines[0].startsWith('…')).toBe(true);
  });

  it('skips huge files, missing files, lines out of range, and anything outside the root', () => {
    const huge = join(scratch, 'bundle.js');
    writeFileSync(huge, 'x'.repeat(1_100_000));
    const reader = new SourceReader(3, scratch);
    expect(reader.excerpt({ text: '', location: huge, line: 1, column: 1 })).toBeUndefined();
    expect(reader.excerpt({ text: '', location: join(scratch, 'gone.ts'), line: 1 })).toBeUndefined();
    expect(reader.excerpt({ text: '', location: join(scratch, 'service.ts'), line: 99 })).toBeUndefined();
    expect(new SourceReader(3, join(scratch, 'elsewhere')).excerpt({ text: '', location: join(scratch, 'service.ts'), line: 1 })).toBeUndefined();
  });
});

describe('errorChain', () => {
  it('follows causes, including non-Error ones', () => {
    const chain = errorChain(new Error('top', { cause: new RangeError('middle', { cause: { code: 'E42' } }) }));
    expect(chain.map(({ name, message }) => `${name}: ${message}`)).toEqual(['Error: top', 'RangeError: middle', 'thrown Object object: {"code":"E42"}']);
  });

  it('stops at a cycle and after ten causes', () => {
    const a = new Error('a');
    a.cause = new Error('b', { cause: a });
    expect(errorChain(a).map((link) => link.message)).toEqual(['a', 'b']);
    let deep: Error = new Error('0');
    for (let index = 1; index < 50; index++) deep = new Error(String(index), { cause: deep });
    expect(errorChain(deep)).toHaveLength(11);
  });

  it('never throws on hostile values', () => {
    const hostile = new Proxy(new Error('x'), {
      get() {
        throw new Error('trap');
      },
      getPrototypeOf() {
        throw new Error('trap');
      },
    });
    expect(() => errorChain(hostile)).not.toThrow();
    const getters = new Error('y');
    Object.defineProperty(getters, 'message', { get: () => { throw new Error('trap'); } });
    Object.defineProperty(getters, 'cause', { get: () => { throw new Error('trap'); } });
    expect(errorChain(getters)).toEqual([expect.objectContaining({ name: 'Error', message: '' })]);
    expect(errorChain(10n)[0]).toMatchObject({ name: 'thrown bigint', message: '10' });
  });

  it('shortens huge messages', () => {
    expect(errorChain(new Error('x'.repeat(50_000)))[0].message).toMatch(/… \(50000 characters\)$/);
  });
});

describe('html', () => {
  it('escapes every interpolation, keeps nested html, joins arrays and drops false/null/undefined', () => {
    const items = ['<a>', '"b"'].map((item) => html`<li>${item}</li>`);
    const markup = html`<p title="${'"x" & \'y\''}">${'<script>'}</p><ul>${items}</ul>${false}${null}${undefined}${0}`;
    expect(String(markup)).toBe(
      '<p title="&quot;x&quot; &amp; &#39;y&#39;">&lt;script&gt;</p><ul><li>&lt;a&gt;</li><li>&quot;b&quot;</li></ul>0',
    );
  });
});

describe('what the formats may show', () => {
  it('problem details for a custom object body use only a string message', () => {
    expect(toProblemDetails({ status: 409, body: { custom: 'obj' } })).toEqual({ type: 'about:blank', title: 'Conflict', status: 409 });
    expect(toProblemDetails({ status: 404, body: { statusCode: 404, message: 'Not Found' } })).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
    });
  });

  it('an unregistered status gets a class-level title', () => {
    expect(toErrorPage({ status: 599, body: { statusCode: 599, message: 'secret' } })).toEqual({ status: 599, title: 'Server Error', message: 'Server Error' });
    expect(toProblemDetails({ status: 499, body: { statusCode: 499, message: 'closed' } })).toMatchObject({ title: 'Client Error', detail: 'closed' });
  });
});
