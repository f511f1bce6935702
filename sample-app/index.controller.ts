import { Controller, Get, Req, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import accepts from 'accepts';
import type { IncomingMessage } from 'node:http';
import { indexPage } from './index.page.js';
import { TOUR } from './tour/tour.js';
import { APP_NAME, tourIndex } from './tour/tour-index.js';

// Built once: the tour does not change while the app runs.
const INDEX = tourIndex(TOUR);

/** `GET /`: the tour (tour/tour.ts), so the sample explains itself from the first request. */
@Controller()
export class IndexController {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /**
   * JSON for API clients (and curl, whose `Accept: *\/*` takes the first
   * offer); an HTML page for browsers, which rank `text/html` first.
   * `@Res({ passthrough: true })` only to set headers, through the adapter,
   * so it works on Express and Fastify alike.
   */
  @Get()
  index(@Req() request: { headers: IncomingMessage['headers'] }, @Res({ passthrough: true }) response: unknown) {
    const { httpAdapter } = this.adapterHost;
    httpAdapter.setHeader(response, 'Vary', 'Accept');
    if (accepts({ headers: request.headers } as IncomingMessage).type(['application/json', 'text/html']) !== 'text/html') {
      return INDEX;
    }
    httpAdapter.setHeader(response, 'Content-Type', 'text/html; charset=utf-8');
    return indexPage(APP_NAME, INDEX.tour).toString();
  }
}
