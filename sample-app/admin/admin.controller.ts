import { Controller, Get, UseGuards } from '@nestjs/common';
import { AdminGuard } from './admin.guard.js';

@Controller('admin')
@UseGuards(AdminGuard)
export class AdminController {
  @Get('users')
  users() {
    return { users: [{ name: 'alice', quota: 1024 }] };
  }
}
