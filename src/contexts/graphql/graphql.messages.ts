/** User-facing messages of the GraphQL context, named for the misuse they report. */

export const invalidGraphqlStatusMessage = (status: unknown) =>
  `the handler's answer has status ${typeof status === 'number' ? status : typeof status}, which a GraphQL error cannot carry: ` +
  `use an integer from 100 to 599 (it becomes extensions.status, and extensions.code unless the body has a code).`;
