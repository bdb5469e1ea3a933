export * from './configuration';
export * from './env.validation';
export * from './hearth-config.module';
