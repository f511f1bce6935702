import { Args, Query, Resolver } from '@nestjs/graphql';
import { ShareLinkModel } from './share-link.model.js';
import { SharesService, type ShareLink } from './shares.service.js';

/**
 * GraphQL: `{ share(code: "nope") { file } }`. A resolver is a "controller"
 * for scoping, SharesModule its module: SharesErrorHandlers answer its errors
 * as they answer SharesController's, as a GraphQL error of that field.
 */
@Resolver(() => ShareLinkModel)
export class SharesResolver {
  constructor(private readonly shares: SharesService) {}

  // Nullable, so one missing share leaves the rest of the query's data standing.
  @Query(() => ShareLinkModel, { nullable: true, description: 'a share link by its code' })
  share(@Args('code', { type: () => String }) code: string): ShareLink {
    return this.shares.find(code);
  }
}
