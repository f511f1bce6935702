import type { Type } from '@nestjs/common';
import type { ErrorHandlerOptions } from './error-handler-options.interface.js';

/** Options of `ErrorHandlerRegistry.register()`. */
export interface RegisterErrorHandlerOptions extends ErrorHandlerOptions {
  /**
   * Where the handler applies, as if it were declared there: a controller class
   * (its routes only), a module class (that module and the modules it imports),
   * or nothing for an app-level handler.
   */
  scope?: Type;
}
