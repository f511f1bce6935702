import { Controller, Get } from '@nestjs/common';
import { DeepLeafException } from '../fixtures/exception-classes.js';
import { DEEP_ERROR_MESSAGE, DISTINCT_FINGERPRINTS, DISTINCT_TYPE_PREFIX, ROUTES } from './routes.js';

const SUCCESS_BODY = { status: 'ok', items: [1, 2, 3] };

/** Plain Error subclasses, unhandled; the prototype's name is what Sentry shows as the type. */
const DISTINCT_ERRORS = Array.from({ length: DISTINCT_FINGERPRINTS }, (_, index) => {
  const errorClass = class extends Error {};
  errorClass.prototype.name = `${DISTINCT_TYPE_PREFIX}${index}`;
  return errorClass;
});

/** The same controller in every variant: only what surrounds it changes. */
@Controller()
export class BenchController {
  @Get(ROUTES.success.path)
  ok(): typeof SUCCESS_BODY {
    return SUCCESS_BODY;
  }

  @Get(ROUTES.error.path)
  deepError(): never {
    throw new DeepLeafException(DEEP_ERROR_MESSAGE);
  }

  @Get(ROUTES.serverError.path)
  serverError(): never {
    // A new error per request, as a real failure would be: the module never reports one object twice.
    throw new Error('bench failure');
  }

  private distinctIndex = 0;

  @Get(ROUTES.distinctErrors.path)
  distinctError(): never {
    const index = this.distinctIndex;
    this.distinctIndex = (index + 1) % DISTINCT_FINGERPRINTS;
    throw new DISTINCT_ERRORS[index]!('bench failure of one of many kinds');
  }
}
