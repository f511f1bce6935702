import { Module, type INestApplicationContext, type ModuleMetadata } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ErrorHandlersModule, type ErrorHandlersModuleOptions } from 'nestjs-error-handlers';
import { CapturingLogger } from '../../sentry/fixtures/capturing-logger.js';
import { RecordingReporter } from './recording-reporter.js';

export interface BackgroundApp {
  app: INestApplicationContext;
  /** The module's reporter (a RecordingReporter unless `sentry` options say otherwise); undefined without the module. */
  reporter: RecordingReporter | undefined;
  /** What the module logged (its `logger` option). */
  moduleLog: CapturingLogger;
  /** What Nest and the packages logged (the app's logger: the scheduler's, the event emitter's). */
  nestLog: CapturingLogger;
  close(): Promise<void>;
}

export interface StartOptions {
  /** false boots the same app without ErrorHandlersModule, to compare. */
  withModule?: boolean;
  /** More options for `forRoot` (a Sentry DSN, `report`…). */
  options?: ErrorHandlersModuleOptions;
  /** Report through the default SentryService rather than a RecordingReporter. */
  defaultReporter?: boolean;
  /** Import ErrorHandlersModule after the app's other modules (their lifecycle hooks then run first). */
  moduleLast?: boolean;
}

/**
 * Boots `metadata` as a standalone application context, as a worker process
 * runs background work: no HTTP server. With the module, reports go to a
 * RecordingReporter bound through `forRoot({ reporter })`.
 */
export async function startBackgroundApp(metadata: ModuleMetadata, start: StartOptions = {}): Promise<BackgroundApp> {
  const { withModule = true, options = {}, defaultReporter = false, moduleLast = false } = start;
  const moduleLog = new CapturingLogger();
  const nestLog = new CapturingLogger();
  const errorHandlers = ErrorHandlersModule.forRoot({ ...options, logger: moduleLog, ...(defaultReporter ? {} : { reporter: RecordingReporter }) });
  class BackgroundRoot {}
  const ours = withModule ? [errorHandlers] : [];
  const imports = moduleLast ? [...(metadata.imports ?? []), ...ours] : [...ours, ...(metadata.imports ?? [])];
  Module({ ...metadata, imports })(BackgroundRoot);
  const app = await NestFactory.createApplicationContext(BackgroundRoot, { logger: nestLog, abortOnError: false });
  const reporter = withModule && !defaultReporter ? (app.get(RecordingReporter) as RecordingReporter) : undefined;
  return { app, reporter, moduleLog, nestLog, close: () => app.close() };
}
