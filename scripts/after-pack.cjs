// electron-builder afterPack hook: flips Electron's fuses in the packaged binary before it is
// signed, switching off the ways to run the app as something else (plain Node, NODE_OPTIONS,
// --inspect) and making it load its code only from the app.asar archive.
const path = require('node:path');
const { flipFuses, FuseV1Options, FuseVersion } = require('@electron/fuses');

/** electron-builder's Arch enum value for arm64 (ia32 0, x64 1, armv7l 2, arm64 3, universal 4). */
const ARCH_ARM64 = 3;

/** The packaged Electron binary for a platform. */
function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${name}.app`);
    case 'win32':
      return path.join(appOutDir, `${packager.executableName ?? name}.exe`);
    default:
      return path.join(appOutDir, packager.executableName ?? name.toLowerCase());
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
    // electron-builder writes the asar integrity hash only into macOS bundles; on Windows turning
    // this on without it would stop the app from starting.
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: mac,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
  };
}

async function afterPack(context) {
  const binary = electronBinary(context);
  await flipFuses(binary, fuseConfig(context));
  console.log(`  • fuses flipped  file=${path.basename(binary)}`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.fuseConfig = fuseConfig;
module.exports.electronBinary = electronBinary;
