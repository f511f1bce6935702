/** User-facing messages of the WebSocket context, named for the misuse they report. */

export const invalidWsAnswerStatusMessage = (status: unknown) =>
  `the handler's answer has status ${describeValue(status)}, which is not an HTTP status: ` +
  `use an integer from 200 to 599 (in a gateway it decides reporting and logging).`;

function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `"${value.slice(0, 40)}" (a string)`;
  return typeof value;
}
