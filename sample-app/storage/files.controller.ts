import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Put,
  Query,
} from '@nestjs/common';
import { ErrorHandler } from 'nestjs-error-handlers';
import { DiskService, size, type StoredFile } from './disk/disk.service.js';
import { FileNamePipe } from './file-name.pipe.js';

/** Files on the fake disk. Its errors go to its own handler first, then StorageModule's, then the app's. */
@Controller('storage/files')
export class FilesController {
  constructor(private readonly disk: DiskService) {}

  @Get()
  async list(@Query('limit', new ParseIntPipe({ optional: true })) limit?: number) {
    const files = this.disk.list().slice(0, limit).map(describe);
    return { files, disk: await this.disk.usage() };
  }

  @Get(':name')
  read(@Param('name', FileNamePipe) name: string) {
    const file = this.disk.read(name);
    return { ...describe(file), content: file.content };
  }

  @Put(':name')
  write(@Param('name', FileNamePipe) name: string, @Body() body: { content?: unknown } | undefined) {
    if (typeof body?.content !== 'string') throw new BadRequestException('send JSON like {"content": "..."}');
    return describe(this.disk.write(name, body.content));
  }

  @Delete(':name')
  @HttpCode(204)
  remove(@Param('name', FileNamePipe) name: string): void {
    this.disk.remove(name);
  }

  /**
   * Controller-local: only this controller's routes, and errors of its pipes
   * too (ParseIntPipe, FileNamePipe). Keyed by class, it is the code key 400,
   * so it also catches `new HttpException(..., 400)`.
   */
  @ErrorHandler(BadRequestException)
  invalidRequest(error: BadRequestException) {
    return { error: 'invalid-request', message: error.message };
  }
}

function describe(file: StoredFile) {
  return { name: file.name, size: size(file.content), readOnly: file.readOnly };
}
