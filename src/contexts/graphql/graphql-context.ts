import type { ErrorHandlersModuleOptions } from '../../interfaces/error-handlers-options.interface.js';
import { describeDefaultResponse } from '../../core/default-response.js';
import type { DefaultAnswer } from '../context-adapter.js';
import { NestContextDefaults } from '../nest-context-defaults.js';

/** GraphQL: the reply is the error the field resolves to, as Nest's external filter rethrows it. */
export class GraphqlContext extends NestContextDefaults {
  readonly kind = 'graphql';

  defaultAnswer(error: unknown): DefaultAnswer {
    return { status: describeDefaultResponse(error).status, deliver: () => Promise.reject(error) };
  }

  lastResort(exchange: { thrown: unknown }): unknown {
    return Promise.reject(exchange.thrown);
  }
}

/** The GraphQL context, once the app's packages are known (bootstrap). */
export async function loadGraphqlContext(_options: ErrorHandlersModuleOptions): Promise<GraphqlContext> {
  return new GraphqlContext();
}
