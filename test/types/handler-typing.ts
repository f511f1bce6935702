/**
 * Type tests, checked by `npx tsc -p tsconfig.json --noEmit` (never run):
 * each `@ts-expect-error` line must be an error, every other line must compile.
 */
import { applyDecorators, HttpCode, HttpException, NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { createHttpException, ErrorHandler, ErrorHandlerRegistry, ErrorResponse, type ErrorHandlerKey } from 'nestjs-error-handlers';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const exactly = <A, B>(_proof: Equal<A, B>) => undefined;

class UserNotFound extends NotFoundException {
  constructor(readonly userId: string) {
    super(`no user ${userId}`);
  }
}
class ConnectionError extends Error {
  readonly host = 'db';
}
class PaymentDeclined extends Error {
  readonly reason = 'card';
}
const InsufficientStorage = createHttpException(507, 'Insufficient Storage');

export class RightHandlers {
  @ErrorHandler(UserNotFound)
  exact(error: UserNotFound) {
    return error.userId;
  }

  @ErrorHandler(UserNotFound)
  baseClassParameter(error: Error) {
    return error.message;
  }

  @ErrorHandler(ConnectionError)
  unknownParameter(error: unknown) {
    return error;
  }

  @ErrorHandler(ConnectionError)
  noParameters() {
    return 'down';
  }

  @ErrorHandler(404)
  statusKey(error: HttpException) {
    return error.getStatus();
  }

  @ErrorHandler(404)
  statusKeyWithNestClass(error: NotFoundException) {
    return error.getStatus();
  }

  @ErrorHandler(InsufficientStorage)
  createdClass(error: HttpException) {
    return error.getStatus();
  }

  @ErrorHandler([UserNotFound, ConnectionError])
  listKey(error: UserNotFound | ConnectionError) {
    return error.message;
  }

  @ErrorHandler(404)
  @ErrorHandler(409)
  stacked(error: HttpException, host: ArgumentsHost) {
    return host.getType() + error.getStatus();
  }

  @ErrorHandler(TypeError)
  async asyncWithHost(error: TypeError, host: ArgumentsHost): Promise<ErrorResponse> {
    return new ErrorResponse({ message: error.message, type: host.getType() }, 500);
  }

  @ErrorHandler(404 as ErrorHandlerKey)
  widenedKey(error: unknown) {
    return error;
  }

  @applyDecorators(ErrorHandler(404), HttpCode(200))
  composed(error: HttpException) {
    return error.getStatus();
  }

  @ErrorHandler(UserNotFound)
  private privateMethod(error: UserNotFound) {
    return error.userId;
  }
}

export class WrongHandlers {
  // @ts-expect-error the key's instances are any Error, not only UserNotFound
  @ErrorHandler(Error)
  narrowerThanKey(error: UserNotFound) {
    return error.userId;
  }

  // @ts-expect-error a TypeError is not an HttpException
  @ErrorHandler(TypeError)
  unrelatedClass(error: HttpException) {
    return error.getStatus();
  }

  // @ts-expect-error a status key receives any HttpException of that status
  @ErrorHandler(404)
  statusKeyNarrowed(error: UserNotFound) {
    return error.userId;
  }

  // @ts-expect-error a ConnectionError is not a PaymentDeclined
  @ErrorHandler(ConnectionError)
  sibling(error: PaymentDeclined) {
    return error.reason;
  }

  // @ts-expect-error a list key receives the union: a 404 is not a ConnectionError
  @ErrorHandler([ConnectionError, 404])
  oneOfTheList(error: ConnectionError) {
    return error.host;
  }

  // @ts-expect-error private methods are checked too
  @ErrorHandler(Error)
  private privateNarrower(error: UserNotFound) {
    return error.userId;
  }

  // @ts-expect-error a handler gets (error, host) and nothing more
  @ErrorHandler(ConnectionError)
  tooManyParameters(error: ConnectionError, host: ArgumentsHost, extra: string) {
    return extra;
  }
}

export function registrations(registry: ErrorHandlerRegistry): void {
  registry.register(UserNotFound, (error) => {
    exactly<typeof error, UserNotFound>(true);
    return error.userId;
  });
  registry.register(404, (error) => {
    exactly<typeof error, HttpException>(true);
    return error.getStatus();
  });
  registry.register([UserNotFound, ConnectionError], (error) => {
    exactly<typeof error, UserNotFound | ConnectionError>(true);
  });
  registry.register([ConnectionError, 503], (error) => {
    exactly<typeof error, ConnectionError | HttpException>(true);
  });
  registry.register(NotFoundException, function notFound(error: NotFoundException, host: ArgumentsHost) {
    return host.getType() + error.message;
  });
  registry.register(ConnectionError, () => 'no parameters');

  // @ts-expect-error the key's instances are not all UserNotFound
  registry.register(Error, (error: UserNotFound) => error.userId);
  // @ts-expect-error a status key receives any HttpException of that status
  registry.register(404, (error: UserNotFound) => error.userId);
  // @ts-expect-error a ConnectionError has no userId
  registry.register(ConnectionError, (error) => error.userId);
}
