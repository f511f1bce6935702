import { Header, HttpCode, HttpException, Injectable } from '@nestjs/common';
import { ErrorHandler, ErrorResponse } from 'nestjs-error-handlers';
import { DiskService } from './disk/disk.service.js';
import { ConnectionError, ConnectionRefusedError, InsufficientStorage } from './storage.errors.js';

/**
 * StorageModule's handlers: the blueprint case. As a provider of
 * StorageModule they apply to its controllers and to those of every module it
 * imports (MirrorModule), never to sibling modules (SharesModule, AdminModule).
 */
@Injectable()
export class StorageErrorHandlers {
  constructor(private readonly disk: DiskService) {}

  /**
   * Class tier: every HttpException of storage routes that no code handler
   * took. The app-level 404 handler is a code handler, so a missing file is
   * answered by it, not by this one.
   */
  @ErrorHandler(HttpException)
  http(error: HttpException) {
    return { error: 'storage', status: error.getStatus(), message: error.message };
  }

  /**
   * 507, whether FilesController or MirrorModule ran out of disk. Async, and
   * uses an injected service: handlers are methods of DI-managed providers.
   */
  @ErrorHandler(InsufficientStorage)
  async insufficientStorage(error: InsufficientStorage) {
    return { error: 'insufficient-storage', message: error.message, disk: await this.disk.usage() };
  }

  /**
   * Any ConnectionError without a more specific handler (e.g. a timeout).
   * It is not an HTTP error, so the status comes from @HttpCode() here, and
   * @Header() tells clients when to retry.
   */
  @ErrorHandler(ConnectionError)
  @HttpCode(503)
  @Header('Retry-After', '30')
  connection(error: ConnectionError) {
    return { error: 'backend-unavailable', message: error.message };
  }

  /**
   * More specific than ConnectionError, so it wins for refused connections
   * in this scope. ErrorResponse chooses the status explicitly.
   */
  @ErrorHandler(ConnectionRefusedError)
  refused(error: ConnectionRefusedError) {
    return new ErrorResponse({ error: 'backend-refused', message: error.message }, 502);
  }
}
