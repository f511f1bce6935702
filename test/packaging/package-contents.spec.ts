import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join, normalize } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO } from './smoke-apps.js';

/**
 * Issue 15: the packed package is complete on its own. Its file list holds
 * the build, LICENSE, README, CHANGELOG and docs, and nothing of the repo's
 * tests or sample; its source maps carry their sources; every link and
 * picture of the README works from the registry's page (the registry shows
 * the README without the repository, so a link is an anchor, an absolute URL,
 * or a CDN URL of a file this very version ships); the docs link only to
 * files they ship.
 */

const exec = promisify(execFile);

let files: Set<string>;
let version: string;

beforeAll(async () => {
  const { stdout } = await exec('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO, maxBuffer: 16 * 1024 * 1024 });
  const [packed] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
  files = new Set(packed!.files.map((file) => file.path));
  version = (JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
});

/** Every link target of a markdown text: inline links and pictures, and reference definitions. */
function linkTargets(markdown: string): string[] {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  const inline = [...withoutCode.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1]!);
  const references = [...withoutCode.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm)].map((match) => match[1]!);
  return [...inline, ...references];
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorsOf(markdown: string): Set<string> {
  const headings = [...markdown.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6}\s+(.+)$/gm)].map((match) => match[1]!);
  return new Set(headings.map((heading) => heading.toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').trim().replace(/ /g, '-')));
}

describe('the packed package', () => {
  it('ships the build, LICENSE, README, CHANGELOG and docs, and nothing of the tests, sample or benches', () => {
    for (const required of ['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json', 'dist/index.js', 'dist/index.d.ts', 'docs/debug-page.png']) {
      expect(files, required).toContain(required);
    }
    const stray = [...files].filter((path) => /^(test|sample-app|bench|src)\//.test(path) || path.endsWith('.spec.js') || path.endsWith('.tsbuildinfo'));
    expect(stray).toEqual([]);
  });

  it('ships source maps that carry their sources', async () => {
    const maps = [...files].filter((path) => path.endsWith('.js.map'));
    expect(maps.length).toBeGreaterThan(50);
    for (const path of maps) {
      const map = JSON.parse(await readFile(join(REPO, path), 'utf8')) as { sources: string[]; sourcesContent?: Array<string | null> };
      expect({ path, inlined: map.sourcesContent?.length === map.sources.length && map.sourcesContent.every((text) => typeof text === 'string') }).toEqual({ path, inlined: true });
    }
  });

  it("has a README whose every link and picture works from the registry's page", async () => {
    const readme = await readFile(join(REPO, 'README.md'), 'utf8');
    const anchors = anchorsOf(readme);
    const cdn = `https://cdn.jsdelivr.net/npm/nestjs-error-handlers@${version}/`;
    const broken: string[] = [];
    for (const target of linkTargets(readme)) {
      if (target.startsWith('#')) {
        if (!anchors.has(target.slice(1))) broken.push(`${target}: no such heading`);
      } else if (target.startsWith('https://cdn.jsdelivr.net/npm/nestjs-error-handlers')) {
        if (!target.startsWith(cdn)) broken.push(`${target}: not this version (${version})`);
        else if (!files.has(target.slice(cdn.length).split('#')[0]!)) broken.push(`${target}: not in the package`);
      } else if (!/^https?:\/\//.test(target)) {
        broken.push(`${target}: a relative link, which the registry's page cannot follow`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('has docs whose relative links name files the package ships', async () => {
    const broken: string[] = [];
    for (const page of [...files].filter((path) => path.startsWith('docs/') && path.endsWith('.md'))) {
      const text = await readFile(join(REPO, page), 'utf8');
      for (const target of linkTargets(text)) {
        if (/^(https?:|mailto:|#)/.test(target)) continue;
        const path = normalize(join(dirname(page), target.split('#')[0]!));
        if (!files.has(path)) broken.push(`${page} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
