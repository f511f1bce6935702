import { Field, ObjectType } from '@nestjs/graphql';
import type { ShareLink } from './shares.service.js';

/** A share link as GraphQL clients see it (code first: the schema is generated from this class). */
@ObjectType('ShareLink')
export class ShareLinkModel implements ShareLink {
  @Field(() => String) code!: string;
  @Field(() => String) file!: string;
  @Field(() => String, { description: 'where to download the file' }) download!: string;
}
