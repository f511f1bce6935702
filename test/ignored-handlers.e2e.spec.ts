import { Controller, Injectable, Logger, Module } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ExpressAdapter } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import { ErrorHandler, ErrorHandlersModule } from 'nestjs-error-handlers';
import { PLATFORMS, type PlatformName } from './helpers/platforms.js';
import { CapturingLogger } from './sentry/fixtures/capturing-logger.js';

class PaymentDeclined extends Error {}

/** The mistake: handlers on a class nobody lists as a provider. */
@Injectable()
class ForgottenErrors {
  @ErrorHandler(PaymentDeclined)
  declined() {}
  @ErrorHandler(404)
  notFound() {}
}

/** A provider of a module the app never imports. */
@Injectable()
class UnimportedErrors {
  @ErrorHandler(409)
  conflict() {}
}
@Module({ providers: [UnimportedErrors] })
export class UnimportedModule {}

/** A provider, but its handler is static: Nest calls handlers on instances. */
@Injectable()
class StaticErrors {
  @ErrorHandler(410)
  static gone() {}
}

/** Everything below is reachable: no warning. */
@Injectable()
class ProvidedErrors {
  @ErrorHandler(400)
  badRequest() {}
}
abstract class BaseErrors {
  @ErrorHandler(418)
  teapot() {}
}
@Injectable()
class DerivedErrors extends BaseErrors {}
class ByClassErrors {
  @ErrorHandler(401)
  unauthorized() {}
}
class ByFactoryErrors {
  @ErrorHandler(403)
  forbidden() {}
}
class ByValueErrors {
  @ErrorHandler(405)
  notAllowed() {}
}
@Controller('orders')
class OrdersController {
  @ErrorHandler(PaymentDeclined)
  declined() {}
}
@Module({
  imports: [ErrorHandlersModule.forRoot()],
  controllers: [OrdersController],
  providers: [
    StaticErrors,
    ProvidedErrors,
    DerivedErrors,
    { provide: 'BY_CLASS', useClass: ByClassErrors },
    { provide: 'BY_FACTORY', useFactory: () => new ByFactoryErrors() },
    { provide: 'BY_VALUE', useValue: new ByValueErrors() },
  ],
})
class AppModule {}

async function bootstrapWarnings(platform: PlatformName): Promise<string[]> {
  const logger = new CapturingLogger();
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication(platform === 'express' ? new ExpressAdapter() : new FastifyAdapter(), { logger });
  try {
    await app.init();
  } finally {
    await app.close();
    Logger.overrideLogger(false);
  }
  return logger.at('warn').filter((entry) => entry.params.includes('ErrorHandlersModule')).map((entry) => entry.message);
}

describe.each(PLATFORMS)('a class with @ErrorHandler methods that Nest never creates (%s)', (platform) => {
  it('is named at bootstrap, with its handlers, why they are ignored and what to do', async () => {
    const warnings = await bootstrapWarnings(platform);
    expect(warnings).toContain(
      '@ErrorHandler() on ForgottenErrors.declined, @ErrorHandler() on ForgottenErrors.notFound are ignored: ' +
        'ForgottenErrors is not a provider or controller of this app, so Nest never creates it and its handlers never run. ' +
        'Add ForgottenErrors to the providers of the module whose requests it should handle (the root module for app-level handlers).',
    );
    expect(warnings.filter((warning) => warning.startsWith('@ErrorHandler() on UnimportedErrors.conflict is ignored'))).toHaveLength(1);
  });

  it('names a static handler method, which Nest never calls', async () => {
    expect(await bootstrapWarnings(platform)).toContain(
      '@ErrorHandler() on StaticErrors.gone is a static method, which never runs: handlers are methods of the instances Nest creates. ' +
        'Remove `static` and list StaticErrors as a provider or controller.',
    );
  });

  it('is not confused with providers, controllers, inherited handlers or class, factory and value providers', async () => {
    const warnings = await bootstrapWarnings(platform);
    expect(warnings).toHaveLength(3);
    for (const name of ['ProvidedErrors', 'BaseErrors', 'DerivedErrors', 'ByClassErrors', 'ByFactoryErrors', 'ByValueErrors', 'OrdersController']) {
      expect(warnings.join('\n')).not.toContain(name);
    }
  });
});
