import { Injectable, InternalServerErrorException, NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { ErrorHandler, ErrorResponse } from 'nestjs-error-handlers';

/** App-level handlers: a provider of AppModule, so they apply to every request, searched last. */
@Injectable()
export class AppErrorHandlers {
  /**
   * A code handler (404), so it beats any module's *class* handler such as
   * StorageModule's `HttpException` one: status codes are matched first, in
   * every scope, before classes are.
   */
  @ErrorHandler(404)
  notFound(error: NotFoundException, host: ArgumentsHost) {
    const { url } = host.switchToHttp().getRequest<{ url: string }>();
    // A plain object: sent as JSON with the error's status (404).
    return { error: 'not-found', message: error.message, path: url, hint: 'GET / lists every route of this sample' };
  }

  /**
   * Unhandled non-HTTP errors arrive here wrapped in an
   * InternalServerErrorException whose `cause` is the original error. The
   * cause is for logs and Sentry, never for the client: its message may
   * contain internals (SQL, file paths, parser positions).
   *
   * In debug mode the library does not call it for those (like Flask, which
   * in debug mode lets unhandled exceptions reach its debugger): they get the
   * debug response, the traceback page or the inspector.
   */
  @ErrorHandler(500)
  internal(_error: InternalServerErrorException) {
    return new ErrorResponse({ error: 'internal', message: 'Something went wrong on our side.' }, 500);
  }
}
