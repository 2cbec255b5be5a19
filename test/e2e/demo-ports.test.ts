import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { VendorHit } from '../../demo-site/vendors/server.ts';
import { gpcInitScript, launchBrowser } from '../helpers/browser.ts';
import { eventually } from '../helpers/eventually.ts';
import { freePort, startNodeProcess } from '../helpers/process.ts';

const startArgs = ['--import', 'tsx', 'demo-site/start.ts'];

describe('npm start on the ports of PORT, VENDORS_PORT and SHOP_PORT', () => {
  let browser: Browser;
  let demo: Awaited<ReturnType<typeof startNodeProcess>>;
  let dataDir = '';
  const ports = { collector: 0, vendors: 0, shop: 0 };
  const shopUrl = () => `http://localhost:${ports.shop}`;
  const vendorsHit = async () => {
    const hits = await (await fetch(`${shopUrl()}/api/vendor-log`)).json() as VendorHit[];
    return [...new Set(hits.map((hit) => hit.vendor))].sort();
  };

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cordon-demo-ports-'));
    Object.assign(ports, { collector: await freePort(), vendors: await freePort(), shop: await freePort() });
    browser = await launchBrowser();
    demo = await startNodeProcess(startArgs, {
      PORT: String(ports.collector), VENDORS_PORT: String(ports.vendors), SHOP_PORT: String(ports.shop),
      CORDON_DATA_DIR: dataDir, CORDON_CONFIG: '',
    }, 'cordon: privacy console on');
  });
  after(async () => {
    await browser?.close();
    await demo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('each server says where it listens', () => {
    assert.match(demo.output(), new RegExp(`collector on http://localhost:${ports.collector} `));
    assert.match(demo.output(), new RegExp(`demo shop on http://localhost:${ports.shop} \\(fake vendors on \\*\\.localhost:${ports.vendors}\\)`));
  });

  test('with GPC the shop on the moved port holds the advertising vendors on the moved vendor port; without, they load', async () => {
    const gpc = await browser.newContext();
    await gpc.addInitScript(gpcInitScript);
    const page = await gpc.newPage();
    await page.goto(`${shopUrl()}/product`);
    await page.getByText('Opt-Out Request Honored').first().waitFor();
    assert.ok((await (await fetch(`${shopUrl()}/product`)).text()).includes(`//ads.localhost:${ports.vendors}/tag.js`), 'the ad tag names the moved vendor port');
    await eventually(vendorsHit, (hit) => hit.length === 2, 'the service provider and the quiz');
    await page.waitForTimeout(300);
    assert.deepEqual(await vendorsHit(), ['analytics', 'quiz']);
    await gpc.close();

    const plain = await browser.newContext();
    await (await plain.newPage()).goto(`${shopUrl()}/product`);
    await eventually(vendorsHit, (hit) => hit.length === 5, 'every vendor, without GPC');
    await plain.close();
  });

  test('a port variable that is not a port stops the demo, naming it', async () => {
    const result = await promisify(execFile)(process.execPath, startArgs, { env: { ...process.env, SHOP_PORT: '', VENDORS_PORT: '70000' } })
      .then(() => ({ code: 0, stderr: '' }), (error: { code: number; stderr: string }) => error);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /SHOP_PORT: a port number/);
    assert.match(result.stderr, /VENDORS_PORT: a port is at most 65535/);
  });
});
