/** Every user-facing message of the module, named for the misuse it reports. */

export const invalidKeyMessage = (handlerName: string, key: unknown) =>
  `@ErrorHandler() on ${handlerName} has an invalid key ${describeKey(key)}: ` +
  `use an exception class (Error or a subclass) or an integer HTTP status from 400 to 599.`;

export const emptyKeyListMessage = (handlerName: string) =>
  `@ErrorHandler() on ${handlerName} was given an empty list of keys: name at least one exception class or status code.`;

export const duplicateKeyMessage = (handlerName: string, key: string, scope: string, holder: string) =>
  `@ErrorHandler() on ${handlerName} registers ${key} in ${scope}, which ${holder} already handles there. ` +
  `Keep one handler per key in a scope (a status code and Nest's exception class for it are the same key).`;

export const requestScopedHandlerMessage = (handlerName: string) =>
  `@ErrorHandler() on ${handlerName} is on a request-scoped or transient provider, which cannot be resolved at bootstrap. ` +
  `Move the handler to a singleton provider (it may inject request-scoped services through ModuleRef).`;

export const missingInstanceMessage = (handlerName: string) =>
  `@ErrorHandler() on ${handlerName} belongs to a provider that has no instance at bootstrap; make it a class or factory provider.`;

export const appModuleNotFoundMessage = () =>
  `ErrorHandlersModule could not find the module that imports ErrorHandlersModule.forRoot(); ` +
  `import it once, in your root module.`;



function describeKey(key: unknown): string {
  if (typeof key === 'function') return `class ${key.name || '(anonymous)'} (not an Error class)`;
  if (typeof key === 'string') return `"${key}" (a string)`;
  if (typeof key === 'number') return Number.isInteger(key) ? `${key} (outside 400–599)` : `${key} (not an integer)`;
  return String(key);
}

export const unknownScopeMessage = (handlerName: string, scope: unknown) =>
  `ErrorHandlerRegistry.register() for ${handlerName}: scope ${describeScope(scope)} is neither a controller nor a module of this app. ` +
  `Pass a controller class, a module class, or no scope for an app-level handler.`;

export const unknownControllerMessage = (controller: unknown) =>
  `ErrorHandlerRegistry.explain(): ${describeScope(controller)} is not a controller of this app.`;

export const notAFunctionMessage = (handler: unknown) =>
  `ErrorHandlerRegistry.register() needs a function as handler, got ${typeof handler}.`;

function describeScope(scope: unknown): string {
  return typeof scope === 'function' ? scope.name || '(anonymous class)' : String(scope);
}
