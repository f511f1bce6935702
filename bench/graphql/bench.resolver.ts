import { Field, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { DeepLeafException } from '../fixtures/exception-classes.js';
import { DEEP_ERROR_MESSAGE } from '../servers/routes.js';

@ObjectType()
export class BenchStatus {
  @Field(() => String) state!: string;
  @Field(() => [Int]) items!: number[];
}

const STATUS: BenchStatus = { state: 'ok', items: [1, 2, 3] };

/** The same resolver in every variant: only what surrounds it changes. */
@Resolver()
export class BenchResolver {
  @Query(() => BenchStatus)
  status(): BenchStatus {
    return STATUS;
  }

  @Query(() => String, { nullable: true })
  deepError(): never {
    throw new DeepLeafException(DEEP_ERROR_MESSAGE);
  }
}
