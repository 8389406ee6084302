/** The build's id (vite.config.ts), which the server renderer exports. */
declare const __STEPWISE_BUILD_ID__: string;
