import { HttpException, HttpStatus, Injectable, type PipeTransform } from '@nestjs/common';

const FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$/;

/**
 * Validates `:name`. It throws a plain `HttpException` with status 400, not a
 * `BadRequestException`, on purpose: the controller's
 * `@ErrorHandler(BadRequestException)` still catches it, because a Nest class
 * with a fixed status is the same key as its code (BadRequestException ≡ 400).
 */
@Injectable()
export class FileNamePipe implements PipeTransform<string, string> {
  transform(name: string): string {
    if (FILE_NAME.test(name)) return name;
    throw new HttpException(`invalid file name "${name}": use letters, digits, ".", "-" and "_", not starting with "."`, HttpStatus.BAD_REQUEST);
  }
}
