import { Controller, Get } from '@nestjs/common';
import { DEMO_ROUTES } from './demo-routes.js';

/** `GET /`: what to try, so the sample explains itself from the first request. */
@Controller()
export class IndexController {
  @Get()
  index() {
    return { app: 'nestjs-error-handlers sample', routes: DEMO_ROUTES };
  }
}
