import { Module } from '@nestjs/common';
import { AdminController } from './admin.controller.js';

/**
 * No handlers here, and the app-level ones cover only 404 and 500: the
 * guard's 403 gets Nest's default body, unchanged. Handlers are opt-in.
 */
@Module({ controllers: [AdminController] })
export class AdminModule {}
