import { DeepRootException, generateExceptionClasses } from '../fixtures/exception-classes.js';

// The built library, not its sources: the numbers must describe what ships.
// These internals are not exported by the package, so they are loaded by
// path; types come from the sources dist/ was just compiled from, which
// keeps `npm run typecheck` working before any build.
type ScopeChainModule = typeof import('../../src/core/scope-chain.js');
type HandlerScopeModule = typeof import('../../src/core/handler-scope.js');
type HandlerKeyModule = typeof import('../../src/core/handler-key.js');
type HandlerEntry = import('../../src/core/handler-entry.js').HandlerEntry;
export type ScopeChain = import('../../src/core/scope-chain.js').ScopeChain;

const fromDist = (file: string) => new URL(`../../../dist/${file}`, import.meta.url).href;
const { ScopeChain } = (await import(fromDist('core/scope-chain.js'))) as ScopeChainModule;
const { HandlerScope } = (await import(fromDist('core/handler-scope.js'))) as HandlerScopeModule;
const { normalizeKey } = (await import(fromDist('core/handler-key.js'))) as HandlerKeyModule;

export interface ChainFixture {
  chain: ScopeChain;
  /** The entry resolution must find for the deep leaf exception. */
  deepEntry: HandlerEntry;
}

/**
 * An app scope holding `handlerCount` handlers: one for the root of the deep
 * hierarchy, the rest for unrelated generated classes (spread over several
 * statuses and the class tier), keyed exactly as the explorer keys them.
 */
export function chainWithHandlers(handlerCount: number): ChainFixture {
  const scope = new HandlerScope('app', 'BenchAppModule');
  const deepEntry = entry('DeepHandlers.handleDeep');
  scope.add(normalizeKey(DeepRootException)!, deepEntry);
  generateExceptionClasses(handlerCount - 1).forEach((errorClass, index) => {
    scope.add(normalizeKey(errorClass)!, entry(`GeneratedHandlers.handle${index}`));
  });
  if (scope.size !== handlerCount) throw new Error(`Expected ${handlerCount} handlers in the scope, found ${scope.size}`);
  return { chain: new ScopeChain([scope]), deepEntry };
}

function entry(name: string): HandlerEntry {
  return { name, invoke: () => undefined, options: {}, headers: [] };
}
