/** Every user-facing message of the module, named for the misuse it reports. */

/**
 * A handler as the user wrote it, for the messages below: a decorated method
 * and a registered function are declared differently, and a message must
 * point at the line the user has to change.
 */
export const decoratedHandler = (className: string, methodName: string) => `@ErrorHandler() on ${className}.${methodName}`;
export const registeredHandler = (functionName: string) => `ErrorHandlerRegistry.register() for ${functionName}`;

export const invalidKeyMessage = (declaredAs: string, key: unknown) =>
  `${declaredAs} has an invalid key ${describeKey(key)}: ` +
  `use an exception class (Error or a subclass) or an integer HTTP status from 400 to 599.`;

export const emptyKeyListMessage = (declaredAs: string) =>
  `${declaredAs} was given an empty list of keys: name at least one exception class or status code.`;

export const duplicateKeyMessage = (declaredAs: string, key: string, scope: string, holder: string) =>
  `${declaredAs} registers ${key} in ${scope}, which ${holder} already handles there. ` +
  `Keep one handler per key in a scope (a status code and Nest's exception class for it are the same key).`;

export const requestScopedHandlerMessage = (handlerName: string) =>
  `@ErrorHandler() on ${handlerName} is on a request-scoped or transient provider, which cannot be resolved at bootstrap. ` +
  `Move the handler to a singleton provider (it may inject request-scoped services through ModuleRef).`;

export const missingInstanceMessage = (handlerName: string) =>
  `@ErrorHandler() on ${handlerName} belongs to a provider that has no instance at bootstrap; make it a class or factory provider.`;

export const ignoredHandlerClassMessage = (className: string, handlers: string[]) =>
  `${handlers.map((method) => decoratedHandler(className, method)).join(', ')} ${handlers.length === 1 ? 'is' : 'are'} ignored: ` +
  `${className} is not a provider or controller of this app, so Nest never creates it and its handlers never run. ` +
  `Add ${className} to the providers of the module whose requests it should handle (the root module for app-level handlers).`;

export const staticHandlerMessage = (className: string, handlers: string[]) =>
  `${handlers.map((method) => decoratedHandler(className, method)).join(', ')} ${handlers.length === 1 ? 'is a static method, which never runs' : 'are static methods, which never run'}: ` +
  `handlers are methods of the instances Nest creates. Remove \`static\` and list ${className} as a provider or controller.`;

export const appModuleNotFoundMessage = () =>
  `ErrorHandlersModule could not find the module that imports ErrorHandlersModule.forRoot(); ` +
  `import it once, in your root module.`;



function describeKey(key: unknown): string {
  if (typeof key === 'function') return `class ${key.name || '(anonymous)'} (not an Error class)`;
  if (typeof key === 'string') return `"${key}" (a string)`;
  if (typeof key === 'number') return Number.isInteger(key) ? `${key} (outside 400–599)` : `${key} (not an integer)`;
  return String(key);
}

export const unknownScopeMessage = (declaredAs: string, scope: unknown) =>
  `${declaredAs}: scope ${describeScope(scope)} is neither a controller nor a module of this app. ` +
  `Pass a controller class, a module class, or no scope for an app-level handler.`;

export const unknownControllerMessage = (controller: unknown) =>
  `ErrorHandlerRegistry.explain(): ${describeScope(controller)} is not a controller of this app.`;

export const explainBeforeInitMessage = () =>
  `ErrorHandlerRegistry.explain(): the app has not been initialised yet, so no handler has been found. ` +
  `Handlers are discovered when the app starts: call explain() after \`await app.init()\` (or \`app.listen()\`).`;

export const notAFunctionMessage = (handler: unknown) =>
  `ErrorHandlerRegistry.register() needs a function as handler, got ${typeof handler}.`;

function describeScope(scope: unknown): string {
  return typeof scope === 'function' ? scope.name || '(anonymous class)' : String(scope);
}

export const debugInProductionMessage = (nodeEnv: string) =>
  `ErrorHandlersModule refuses debug mode: NODE_ENV is "${nodeEnv}", and debug responses show error messages, stacks, ` +
  `source lines and handler resolution to every client. Turn debug off in production; if this deployment is not public ` +
  `(a staging box that runs with NODE_ENV=production), force it with allowDebugInProduction: true next to debug.`;

export const unknownResponseFormatMessage = (format: unknown) =>
  `ErrorHandlersModule: responseFormat ${typeof format === 'string' ? `"${format}"` : `of type ${typeof format}`} is not supported; ` +
  `use 'nest' (the default, Nest's own body) or 'problem+json' (RFC 9457).`;

export const invalidHtmlErrorPageMessage = (value: unknown) =>
  `ErrorHandlersModule: htmlErrorPage must be true, false or a template function (page) => html\`…\`, got ${typeof value}.`;

export const invalidDebugOptionMessage = (value: unknown) =>
  `ErrorHandlersModule: debug must be true, false or { inspector?: boolean, contextLines?: number, propagate?: boolean } ` +
  `(contextLines a whole number from 0), got ${describeOption(value)}.`;

function describeOption(value: unknown): string {
  if (value === null || typeof value !== 'object') return typeof value === 'string' ? `"${value}"` : String(value);
  const contextLines = (value as { contextLines?: unknown }).contextLines;
  return `an object with contextLines ${typeof contextLines === 'string' ? `"${contextLines}"` : String(contextLines)}`;
}

export const invalidClientErrorLogLevelMessage = (value: unknown) =>
  `ErrorHandlersModule: clientErrorLogLevel must be one of 'log', 'warn', 'error', 'debug', 'verbose', 'fatal' ` +
  `(or left out: 4xx answers are not logged), got ${typeof value === 'string' ? `"${value}"` : String(value)}.`;
