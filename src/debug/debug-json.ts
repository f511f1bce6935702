import type { DebugDetails } from './debug-details.js';
import type { DebugErrorInfo, ErrorDebugInfo } from './debug-info.interface.js';
import type { ErrorLink } from './error-chain.js';

export function toDebugInfo({ chain, explanation }: DebugDetails): ErrorDebugInfo {
  const [error, ...causes] = chain.map(toErrorInfo);
  return { error, causes, ...(explanation && { explanation }) };
}

function toErrorInfo({ name, message, frames }: ErrorLink): DebugErrorInfo {
  return { name, message, stack: frames.map((frame) => frame.text) };
}
