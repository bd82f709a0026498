/**
 * The one contract between the renderer and the main process, split by domain as the rooms of
 * src/main are.
 *
 * Every IPC channel is named in `channels.ts` (`pos:<domain>:<verb>`), with its request and response
 * types. Main→renderer pushes use the `pos:event:*` family. These files are imported by the sandboxed
 * preload, so they hold string constants and types only: no npm imports, no runtime logic beyond
 * constants. The runtime (zod) schemas that enforce these types live in `src/main/ipc/schemas.ts` and
 * are tied to these types with `satisfies`, so drift fails to compile.
 */
export * from './channels';
export * from './errors';
export * from './events';
export * from './money';
export * from './ops';
export * from './payments';
export * from './settings';
export * from './settlement';
export * from './staff';
export * from './till';
