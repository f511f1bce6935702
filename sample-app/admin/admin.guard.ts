import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';

/**
 * Lets a request in only with `x-admin-token: $ADMIN_TOKEN`; with no
 * ADMIN_TOKEN set, never. Nest turns `false` into a ForbiddenException,
 * which error handlers see like any other error of the route.
 */
@Injectable()
export class AdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const token = process.env.ADMIN_TOKEN;
    const { headers } = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>();
    return token !== undefined && token !== '' && headers['x-admin-token'] === token;
  }
}
