import { Module } from '@nestjs/common';
import { ErrorHandlersModule } from 'nestjs-error-handlers';
import { AdminModule } from './admin/admin.module.js';
import { AppErrorHandlers } from './app-errors.handlers.js';
import { IndexController } from './index.controller.js';
import { SharesModule } from './shares/shares.module.js';
import { StorageModule } from './storage/storage.module.js';

/**
 * The root module. Because it imports `ErrorHandlersModule.forRoot()`, the
 * handlers of its own providers (AppErrorHandlers) are app-level: searched
 * last for every request, and the only ones that see unknown routes.
 */
@Module({
  imports: [ErrorHandlersModule.forRoot(), StorageModule, SharesModule, AdminModule],
  controllers: [IndexController],
  providers: [AppErrorHandlers],
})
export class AppModule {}
