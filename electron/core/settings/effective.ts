import { SETTING_KEYS, type SettingKey, type SettingValue } from '../../../shared/api/settings.js';
import { DEFAULT_SOURCE_CONFIG, SOURCE_ENV, loadSourceConfig, type SourceConfig, type SourceSettings } from '../config.js';
import type { ReadDb, WriteDb } from '../db/types.js';
import type { Engine } from '../engine.js';
import { readStoredSettings, type StoredSettings } from './store.js';

/**
 * Which value of each setting is in effect: env (set and not blank) > stored > default.
 * loadSourceConfig lets its `overrides` win over env, so the stored values passed to it are first stripped of
 * the keys env sets: the catch-up then sees exactly what settings.get reports.
 */

export const DEFAULT_GRACE_DAYS = 90;

export function defaultSetting(key: SettingKey): string {
  if (key === 'SC_RETIREMENT_GRACE_DAYS') return String(DEFAULT_GRACE_DAYS);
  if (key === 'SC_LIVE') return 'on';
  const d = DEFAULT_SOURCE_CONFIG[SOURCE_ENV[key]];
  return d === null ? '' : String(d);
}

function envValue(env: NodeJS.ProcessEnv, key: SettingKey): string | null {
  const v = env[key];
  return v !== undefined && v.trim() !== '' ? v.trim() : null;
}

export function effectiveSettings(stored: StoredSettings, env: NodeJS.ProcessEnv = process.env): SettingValue[] {
  return SETTING_KEYS.map((key) => {
    const e = envValue(env, key);
    const s = stored[key] ?? null;
    const d = defaultSetting(key);
    const origin = e !== null ? 'env' : s !== null ? 'stored' : 'default';
    return { key, value: e ?? s ?? d, origin, stored: s, env: e, default: d };
  });
}

/** Stored source settings that env does not shadow, as loadSourceConfig's overrides. */
export function storedOverrides(stored: StoredSettings, env: NodeJS.ProcessEnv = process.env): SourceSettings {
  const out: SourceSettings = {};
  for (const name of Object.keys(SOURCE_ENV) as (keyof typeof SOURCE_ENV)[]) {
    const s = stored[name];
    if (s !== undefined && envValue(env, name) === null) out[name] = s;
  }
  return out;
}

/**
 * The source config a catch-up should use: defaults, env, and the stored settings env does not override.
 * FOR THE SYNC ENGINEER / LEAD: call this in the catch-up handler instead of loadSourceConfig(process.env).
 */
export function sourceConfigFor(db: ReadDb | WriteDb, env: NodeJS.ProcessEnv = process.env): SourceConfig {
  return loadSourceConfig(env, storedOverrides(readStoredSettings(db), env));
}

export function engineSourceConfig(engine: Engine, env: NodeJS.ProcessEnv = process.env): SourceConfig {
  return sourceConfigFor(engine.reader(), env);
}

/** The retirement grace period (days) in effect, for verify's default. */
export function graceDaysFor(db: ReadDb | WriteDb, env: NodeJS.ProcessEnv = process.env): number {
  const v = effectiveSettings(readStoredSettings(db), env).find((s) => s.key === 'SC_RETIREMENT_GRACE_DAYS')?.value;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : DEFAULT_GRACE_DAYS;
}

/** Whether live mode starts on (SC_LIVE, default on): the app's and serve's default; the header toggles it per session. */
export function liveSettingOn(db: ReadDb | WriteDb, env: NodeJS.ProcessEnv = process.env): boolean {
  return effectiveSettings(readStoredSettings(db), env).find((s) => s.key === 'SC_LIVE')?.value.toLowerCase() !== 'off';
}
