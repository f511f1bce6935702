import { Controller, Get, Post } from '@nestjs/common';
import { MirrorService } from './mirror.service.js';

/** Served by MirrorModule: its errors see MirrorModule's handlers, then StorageModule's, then the app's. */
@Controller('storage/mirror')
export class MirrorController {
  constructor(private readonly mirror: MirrorService) {}

  @Get()
  status() {
    return this.mirror.status();
  }

  @Post('pull')
  pull() {
    return this.mirror.pull();
  }

  @Post('push')
  push() {
    return this.mirror.push();
  }
}
