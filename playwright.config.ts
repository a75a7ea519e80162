import { defineConfig } from '@playwright/test';

/**
 * End-to-end specs drive the real built renderer in Debian's Chromium through the loopback transport;
 * every test starts its own server on a fresh data folder (tests/e2e/fixtures.ts).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  // Real OCR of a scanned page on two cores takes tens of seconds.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // The app then turns antd's motion off. CI lost a dropdown choice and a dialog click, most likely while they moved in.
    reducedMotion: 'reduce',
    // Recording a trace of every test cost about a quarter of the suite's time; a failure still leaves its screenshot,
    // and XFD_E2E_TRACE=1 records traces again to debug one.
    trace: process.env['XFD_E2E_TRACE'] ? 'retain-on-failure' : 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
