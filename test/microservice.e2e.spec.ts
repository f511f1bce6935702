import { Controller, Injectable, Module, type INestMicroservice, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientProxyFactory, MessagePattern, RpcException, Transport, type ClientProxy } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorHandlersModule, ErrorReporter, type ErrorReportContext } from 'nestjs-error-handlers';

@Injectable()
class RecordingReporter extends ErrorReporter {
  static readonly seen: Array<{ message: string; status: number }> = [];
  captureException(error: unknown, context?: ErrorReportContext): string | undefined {
    RecordingReporter.seen.push({ message: (error as Error).message, status: context!.status });
    return undefined;
  }
}

@Controller()
class MathController {
  @MessagePattern('divide') divide({ a, b }: { a: number; b: number }) {
    if (b === 0) throw new Error('division by zero: internal detail');
    return a / b;
  }
  @MessagePattern('refuse') refuse() {
    throw new RpcException('refused on purpose');
  }
}

@Module({ controllers: [MathController] })
class BareModule {}

@Module({ imports: [ErrorHandlersModule.forRoot({ reporter: RecordingReporter })], controllers: [MathController] })
class WithModule {}

/** Nest's TCP transport has no ephemeral port report: pick one per run. */
let nextPort = 41_000 + Math.floor(Math.random() * 2_000);

async function startMicroservice(root: Type): Promise<{ server: INestMicroservice; client: ClientProxy }> {
  const port = nextPort++;
  const server = await NestFactory.createMicroservice(root, { transport: Transport.TCP, options: { host: '127.0.0.1', port }, logger: false });
  await server.listen();
  const client = ClientProxyFactory.create({ transport: Transport.TCP, options: { host: '127.0.0.1', port } });
  await client.connect();
  return { server, client };
}

async function errorOf(client: ClientProxy, pattern: string, data: unknown): Promise<unknown> {
  try {
    await firstValueFrom(client.send(pattern, data));
  } catch (error) {
    return error;
  }
  throw new Error(`${pattern} did not fail`);
}

describe('outside HTTP (a TCP microservice): Nest\'s default behaviour, and the error is still reported', () => {
  const started: Array<{ server: INestMicroservice; client: ClientProxy }> = [];
  afterEach(async () => {
    for (const { server, client } of started.splice(0)) {
      client.close();
      await server.close();
    }
    RecordingReporter.seen.length = 0;
  });

  it('answers exactly as a microservice without the module', async () => {
    const bare = await startMicroservice(BareModule);
    const withModule = await startMicroservice(WithModule);
    started.push(bare, withModule);
    for (const [pattern, data] of [['divide', { a: 1, b: 0 }], ['refuse', {}]] as const) {
      expect(await errorOf(withModule.client, pattern, data)).toEqual(await errorOf(bare.client, pattern, data));
    }
    expect(await errorOf(withModule.client, 'divide', { a: 1, b: 0 })).toEqual({ status: 'error', message: 'Internal server error' });
    expect(await firstValueFrom(withModule.client.send('divide', { a: 6, b: 3 }))).toBe(2);
  });

  it('reports the unexpected error', async () => {
    const withModule = await startMicroservice(WithModule);
    started.push(withModule);
    await errorOf(withModule.client, 'divide', { a: 1, b: 0 });
    expect(RecordingReporter.seen).toContainEqual({ message: 'division by zero: internal detail', status: 500 });
  });
});
