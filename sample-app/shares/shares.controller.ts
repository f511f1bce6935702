import { Controller, Get, Param } from '@nestjs/common';
import { SharesService } from './shares.service.js';

@Controller('shares')
export class SharesController {
  constructor(private readonly shares: SharesService) {}

  @Get(':code')
  find(@Param('code') code: string) {
    return this.shares.find(code);
  }
}
