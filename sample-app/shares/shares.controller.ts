import { Body, Controller, Get, HttpCode, Param, Put } from '@nestjs/common';
import { SharesService } from './shares.service.js';

@Controller('shares')
export class SharesController {
  constructor(private readonly shares: SharesService) {}

  @Get(':code')
  find(@Param('code') code: string) {
    return this.shares.find(code);
  }

  /** Creates a share link; past the account's quota, ShareQuotaExceededError (see shares.module.ts for its handler). */
  @Put(':code')
  @HttpCode(201)
  create(@Param('code') code: string, @Body() body: { file?: unknown } | undefined) {
    return this.shares.create(code, body?.file);
  }
}
