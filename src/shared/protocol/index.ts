/** The platform protocol: everything that crosses the wire between the app and a platform. */
export * from './time'
export * from './text'
export * from './entities'
export * from './events'
export * from './commands'
export * from './replay'
export * from './handshake'
export * from './http'
