import { Controller, Get } from '@nestjs/common';
import { DeepLeafException } from '../fixtures/exception-classes.js';
import { DEEP_ERROR_MESSAGE, ROUTES } from './routes.js';

const SUCCESS_BODY = { status: 'ok', items: [1, 2, 3] };

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
}
