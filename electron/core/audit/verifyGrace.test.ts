import { describe, expect, it } from 'vitest';
import { settingsSetParams } from '../../../shared/api/settings.js';
import { Engine } from '../engine.js';
import { setSettings } from '../settings/changeSettings.js';
import { runVerify } from './verify.js';

describe('verify grace period', () => {
  it('defaults to the grace period in effect (stored setting), and an explicit value wins', async () => {
    const engine = new Engine(':memory:');
    expect((await runVerify(engine, { via: 'test' })).graceDays).toBe(process.env.SC_RETIREMENT_GRACE_DAYS ? Number(process.env.SC_RETIREMENT_GRACE_DAYS) : 90);
    await setSettings(engine, settingsSetParams.parse({ values: { SC_RETIREMENT_GRACE_DAYS: '30' } }), { via: 'test' }, {});
    if (!process.env.SC_RETIREMENT_GRACE_DAYS) expect((await runVerify(engine, { via: 'test' })).graceDays).toBe(30);
    expect((await runVerify(engine, { graceDays: 7, via: 'test' })).graceDays).toBe(7);
    engine.close();
  });
});
