import { SECRET_SETTING_KEYS, type SettingKey, type SettingsResult, type SettingsSetParams } from '../../../shared/api/settings.js';
import { resolveActor } from '../audit/operationLog.js';
import type { Engine } from '../engine.js';
import { effectiveSettings } from './effective.js';
import { readStoredSettings, writeStoredSettings } from './store.js';

export function getSettings(engine: Engine, env: NodeJS.ProcessEnv = process.env): SettingsResult {
  return { settings: effectiveSettings(readStoredSettings(engine.writer()), env) };
}

/**
 * Stores the given values (null clears one) as one 'settings-change' operation whose params name each key with
 * its stored value before and after, so the operation log answers "who pointed us at that Horizon, and when".
 * Values that do not change are left out; a call that changes nothing records nothing.
 */
export async function setSettings(
  engine: Engine,
  params: SettingsSetParams,
  ctx: { via?: string; actor?: string },
  env: NodeJS.ProcessEnv = process.env,
): Promise<SettingsResult> {
  const db = engine.writer();
  const before = readStoredSettings(db);
  const changes: Partial<Record<SettingKey, { from: string | null; to: string | null }>> = {};
  for (const [key, to] of Object.entries(params.values) as [SettingKey, string | null | undefined][]) {
    if (to === undefined) continue;
    const from = before[key] ?? null;
    if (from !== to) changes[key] = { from, to };
  }
  // The log is hash-chained and kept forever: a secret is recorded as set or cleared, never as its value.
  const logged = Object.fromEntries(
    Object.entries(changes).map(([k, c]) =>
      SECRET_SETTING_KEYS.includes(k as SettingKey) ? [k, { from: c.from === null ? null : '(secret)', to: c.to === null ? null : '(secret)' }] : [k, c],
    ),
  );
  if (Object.keys(changes).length === 0) return getSettings(engine, env);
  const actor = resolveActor(ctx.actor);
  await engine.runOperation(
    { kind: 'settings-change', params: { changes: logged }, actor, via: ctx.via, note: params.note, writes: false },
    (op) => {
      writeStoredSettings(db, Object.fromEntries(Object.entries(changes).map(([k, c]) => [k, c.to])), actor);
      // Which of the new values env will shadow: worth seeing in the log when a change "does nothing".
      const shadowed = Object.keys(changes).filter((k) => (env[k] ?? '').trim() !== '');
      op.setResult({ changed: Object.keys(changes), overriddenByEnv: shadowed });
    },
  );
  return getSettings(engine, env);
}
