export * from './error-handler-function.interface.js';
export * from './error-handler-key.interface.js';
export * from './error-handler-options.interface.js';
export * from './error-handlers-options.interface.js';
export * from './error-handler-explanation.interface.js';
export * from './register-options.interface.js';
export * from './error-origin.interface.js';
