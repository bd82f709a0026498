import { describe, expect, it } from 'vitest';
import { chooseBrowser, NO_BROWSER } from './support/browser';

const only =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);

describe('the e2e browser is found in a fixed order', () => {
  it('takes POS_E2E_BROWSER first: a path, or a Chrome/Edge channel', () => {
    const env = { POS_E2E_BROWSER: '/opt/my/chromium' };
    expect(chooseBrowser(env, 'linux', only('/opt/my/chromium', '/usr/bin/chromium'))).toEqual({
      executablePath: '/opt/my/chromium',
    });
    expect(chooseBrowser({ POS_E2E_BROWSER: 'msedge' }, 'darwin', only())).toEqual({ channel: 'msedge' });
    expect(() => chooseBrowser(env, 'linux', only('/usr/bin/chromium'))).toThrowError(/does not exist/);
  });

  it('then Debian/Ubuntu Chromium on Linux, before an installed Chrome', () => {
    expect(chooseBrowser({}, 'linux', only('/usr/bin/chromium', '/opt/google/chrome/chrome'))).toEqual({
      executablePath: '/usr/bin/chromium',
    });
    expect(chooseBrowser({}, 'linux', only('/usr/bin/chromium-browser'))).toEqual({
      executablePath: '/usr/bin/chromium-browser',
    });
  });

  it('then Google Chrome, then Microsoft Edge, where a developer has them', () => {
    const mac = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(chooseBrowser({}, 'darwin', only(mac))).toEqual({ channel: 'chrome' });
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(chooseBrowser({ 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' }, 'win32', only(edge))).toEqual({
      channel: 'msedge',
    });
    // A Chromium path means nothing on macOS: Chrome is looked for there.
    expect(chooseBrowser({}, 'darwin', only('/usr/bin/chromium', mac))).toEqual({ channel: 'chrome' });
  });

  it('with none, fails with one line that says what to install', () => {
    expect(() => chooseBrowser({}, 'win32', only())).toThrowError(NO_BROWSER);
    expect(NO_BROWSER).not.toContain('\n');
  });

  it('finds the browser this machine has', () => {
    expect(() => chooseBrowser()).not.toThrow();
  });
});
