import { readConfig } from '../config.js';
import { formatBackgroundSection } from './report.js';
import { runBackgroundBench } from './run-background.js';

/** The background-work row alone: `npm run build && npm run build:apps && node build/bench/background/main.js`. */
const results = await runBackgroundBench(readConfig().rounds);
console.log(`\n${formatBackgroundSection(results)}`);
