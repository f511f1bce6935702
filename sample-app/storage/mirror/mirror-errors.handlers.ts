import { HttpException, Injectable } from '@nestjs/common';
import { ErrorHandler, ErrorResponse } from 'nestjs-error-handlers';
import { ConnectionError } from '../storage.errors.js';

/** MirrorModule's handlers: nearer than StorageModule's for the mirror's routes. */
@Injectable()
export class MirrorErrorHandlers {
  /**
   * Nearer scope wins: a refused connection to the mirror is answered here,
   * although StorageModule has a handler for the more specific
   * ConnectionRefusedError. Scopes are searched first, classes within each.
   */
  @ErrorHandler(ConnectionError)
  offline(error: ConnectionError) {
    return new ErrorResponse({ error: 'mirror-offline', message: error.message }, 503);
  }

  /**
   * `Error` is an ancestor of HttpException too, so this catches the mirror's
   * HTTP exceptions (e.g. 409) before StorageModule's HttpException handler,
   * which is farther. Code handlers (the 507 one, the app's 404 and 500) still
   * come first. Messages of non-HTTP errors may be internal: not sent.
   */
  @ErrorHandler(Error)
  failed(error: Error) {
    const message = error instanceof HttpException ? error.message : 'the mirror operation failed';
    return { error: 'mirror-failed', message };
  }
}
