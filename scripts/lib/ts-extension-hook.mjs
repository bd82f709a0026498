/**
 * Module resolve hook: lets Node (24, which strips TypeScript types itself) import the renderer's
 * `.ts` sources, whose relative imports carry no extension (the bundler adds it).
 */
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    if (specifier.startsWith('.') && !/\.[cm]?[jt]sx?$/.test(specifier))
      return next(`${specifier}.ts`, context);
    throw error;
  }
}
