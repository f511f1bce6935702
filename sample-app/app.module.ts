import { Module, type DynamicModule } from '@nestjs/common';
import { ErrorHandlersModule } from 'nestjs-error-handlers';
import { AdminModule } from './admin/admin.module.js';
import { AppErrorHandlers } from './app-errors.handlers.js';
import { debugOption, type SampleAppSettings } from './config/app-settings.js';
import { graphqlModule } from './contexts/graphql.module.js';
import { IndexController } from './index.controller.js';
import { JobsModule } from './jobs/jobs.module.js';
import { OpsModule } from './ops/ops.module.js';
import { OutboxReporter } from './ops/outbox.reporter.js';
import { SharesModule } from './shares/shares.module.js';
import { StorageModule } from './storage/storage.module.js';

/**
 * The root module. Because it imports `ErrorHandlersModule.forRoot()`, the
 * handlers of its own provider (AppErrorHandlers)
 * are app-level: searched last for every request, and the only ones that see
 * unknown routes.
 *
 * `AppModule.forRoot(settings)` makes it configurable: main.ts passes what
 * config.yaml and the environment say, tests pass explicit settings.
 * `AppModule.forRoot()` is the default: no debug, no Sentry.
 */
@Module({})
export class AppModule {
  static forRoot(settings: SampleAppSettings = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ErrorHandlersModule.forRoot({
          // No dsn: nothing is sent, and no x-sentry-event-id header is added.
          sentry: { ...settings.sentry },
          debug: debugOption(settings),
          // Sentry plus a second destination that needs no external service (GET /ops/outbox).
          reporter: OutboxReporter,
        }),
        // GraphQL at /graphql; SharesModule's resolver serves it.
        graphqlModule(settings.platform),
        OpsModule,
        StorageModule,
        SharesModule,
        AdminModule,
        JobsModule.forRoot(settings.redisUrl),
      ],
      controllers: [IndexController],
      providers: [AppErrorHandlers],
    };
  }
}
