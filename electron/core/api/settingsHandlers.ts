import { getSettings, setSettings } from '../settings/changeSettings.js';
import { engineSourceConfig } from '../settings/effective.js';
import { testHorizon } from '../settings/testHorizon.js';
import type { HandlerSlice } from './handlerTypes.js';

export const settingsHandlers: HandlerSlice<'settings.get' | 'settings.set' | 'settings.testHorizon'> = (engine) => ({
  'settings.get': () => getSettings(engine),
  'settings.set': (p, ctx) => setSettings(engine, p, { via: ctx.via }),
  // Without a URL: the Horizon the next catch-up would use (env > stored > default).
  'settings.testHorizon': (p, ctx) => testHorizon(p.url ?? engineSourceConfig(engine).horizonUrl, p.timeoutMs, ctx.signal),
});
