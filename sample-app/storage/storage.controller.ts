import { Controller, Get, Param } from '@nestjs/common';
import { BackendsService } from './backends.service.js';
import { QuotasService } from './quotas.service.js';

/** Storage administration: backends and quotas. Shares StorageModule's handlers with FilesController. */
@Controller('storage')
export class StorageController {
  constructor(
    private readonly backends: BackendsService,
    private readonly quotas: QuotasService,
  ) {}

  @Get('backends/:name')
  ping(@Param('name') name: string) {
    return this.backends.ping(name);
  }

  @Get('quotas')
  allQuotas() {
    return this.quotas.all();
  }
}
