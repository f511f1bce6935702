import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { ErrorHandlersModuleOptions } from './interfaces/error-handlers-options.interface.js';

export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN, OPTIONS_TYPE, ASYNC_OPTIONS_TYPE } =
  new ConfigurableModuleBuilder<ErrorHandlersModuleOptions>({ moduleName: 'ErrorHandlers' })
    .setClassMethodName('forRoot')
    .setFactoryMethodName('createErrorHandlersOptions')
    // The module is always global (SPEC section 1): its services are injectable everywhere.
    .setExtras({}, (definition) => ({ ...definition, global: true }))
    .build();
