// Installs test/nest11 (Nest 11 for the second test run) exactly as its lockfile says,
// unless the install there already matches that lockfile. Run before `npm test`,
// `npm run test:nest11` and `npm run typecheck` (their pre-scripts); plain JavaScript
// because it runs before anything is built.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const lockfile = join(here, 'package-lock.json');
const stamp = join(here, 'node_modules', '.installed-lockfile-sha256');

const wanted = createHash('sha256').update(readFileSync(lockfile)).digest('hex');
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) process.exit(0);

console.log('Installing Nest 11 for the second test run (test/nest11)…');
// The parent npm's choice of project and of what to install (its prefix, a --omit)
// is for the root, not for this folder; its registry, cache and certificates are kept.
const rootOnly = /^npm_config_(local_prefix|prefix|global|omit|include|production|only|also|dev|workspaces?|include_workspace_root)$/i;
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !rootOnly.test(name)));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
execFileSync(npm, ['ci', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: here, env, stdio: 'inherit', shell: process.platform === 'win32' });
writeFileSync(stamp, wanted);
