// electron-builder afterPack hook: flips Electron's fuses in the packaged binary before it is
// signed, switching off the ways to run the app as something else (plain Node, NODE_OPTIONS,
// --inspect), making it load only its own, integrity-checked app.asar and taking file:// pages'
// extra privileges away.
const path = require('node:path');
const { flipFuses, FuseV1Options, FuseVersion } = require('@electron/fuses');

/** electron-builder's Arch enum value for arm64 (ia32 0, x64 1, armv7l 2, arm64 3, universal 4). */
const ARCH_ARM64 = 3;

/** The packaged Electron binary, named the way electron-builder names it. */
function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    default:
      return path.join(appOutDir, packager.executableName);
  }
}

/** The fuse settings; exported so a test can check them against a fake binary. */
function fuseConfig(context) {
  const mac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  return {
    version: FuseVersion.V1,
    // Apple silicon refuses to run a binary whose ad-hoc signature no longer matches.
    resetAdHocDarwinSignature: mac && context.arch === ARCH_ARM64,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    // electron-builder embeds the asar hash on macOS and (Electron ≥ 30) Windows; Linux has none.
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: mac || context.electronPlatformName === 'win32',
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    // The renderer comes from the app's own pos:// scheme (src/main/windows/app-protocol.ts), so
    // file:// pages need none of the extra privileges Electron grants them by default.
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

async function afterPack(context) {
  const config = fuseConfig(context);
  // electron-builder ≥ 25 offers this for custom fuse logic in afterPack; it knows the binary's path.
  if (typeof context.packager.addElectronFuses === 'function') {
    await context.packager.addElectronFuses(context, config);
    return;
  }
  await flipFuses(electronBinary(context), config);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.fuseConfig = fuseConfig;
module.exports.electronBinary = electronBinary;
