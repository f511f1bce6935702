/** User-facing messages of the RPC context, named for the misuse they report. */

export const invalidRpcStatusMessage = (status: unknown) =>
  `the handler's answer has status ${typeof status === 'number' ? status : typeof status}, which the reporting policy cannot read: ` +
  `use an integer from 100 to 599 (an RPC error has no status line, but the status decides whether it is reported).`;
