import type { Provider } from '@nestjs/common';
import { BackgroundReporting } from './background-reporting.js';
import { BackgroundWorkExplorer } from './background-work.explorer.js';

/** Resolved while Nest creates providers: before any lifecycle hook (see BackgroundWorkExplorer). */
const BACKGROUND_WORK_WRAPPED = Symbol('nestjs-error-handlers:background-work-wrapped');

/** What ErrorHandlersModule provides for background work (SPEC section 11). Imports none of the packages. */
export const BACKGROUND_WORK_PROVIDERS: Provider[] = [
  BackgroundReporting,
  BackgroundWorkExplorer,
  {
    provide: BACKGROUND_WORK_WRAPPED,
    useFactory: (explorer: BackgroundWorkExplorer) => {
      explorer.wrap();
      return true;
    },
    inject: [BackgroundWorkExplorer],
  },
];
