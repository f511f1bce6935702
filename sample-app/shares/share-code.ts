/** What a WebSocket or RPC message must look like; the gateway and the microservice controller say it in their context's own exception. */
export const SHARE_MESSAGE_HINT = 'send {"code": "welcome"}';

/** The share code of a WebSocket or RPC message, `{ "code": "welcome" }`; undefined when it has none. */
export function shareCodeOf(payload: unknown): string | undefined {
  const code = (payload as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
