import { z } from 'zod';
import { method } from '../contractKit.js';
import { isAccountId } from '../strkey.js';

/**
 * Stored app settings, keyed by their env names (the same names as sc-audit). Precedence: an env variable
 * (when set and not empty) wins over the stored value, which wins over the default; every value is returned
 * with its origin so the UI can say "set by SC_HORIZON_URL in the environment".
 */
export const SETTING_KEYS = [
  'SC_HORIZON_URL',
  'SC_VERRA_ASSET_SEARCH_URL',
  'SC_VERRA_REPORT_URL',
  'SC_CARBON_ISSUER_PUB',
  'SC_CARBON_DISTRIB_PUB',
  'SC_SINK_ISSUER_PUB',
  'SC_FIRST_SINK_CURSOR',
  'SC_FIRST_MINT_CURSOR',
  'SC_FIRST_DIST_CURSOR',
  'SC_DATA_URL',
  'SC_OBSRVR_FLOW_DB_URI',
  'SC_OBSRVR_FLOW_TABLE',
  'SC_MERCURY_KEY',
  'SC_RETROSHADES_URL',
  'SC_RETROSHADES_MD5',
  'SC_RETIREMENT_GRACE_DAYS',
  'SC_LIVE',
] as const;
/** Secrets: the operation log records only that they changed, never their values. */
export const SECRET_SETTING_KEYS: readonly SettingKey[] = ['SC_MERCURY_KEY', 'SC_OBSRVR_FLOW_DB_URI'];
export type SettingKey = (typeof SETTING_KEYS)[number];
export type SettingOrigin = 'env' | 'stored' | 'default';

export interface SettingValue {
  key: SettingKey;
  /** The value in effect. */
  value: string;
  origin: SettingOrigin;
  /** The stored value (null: none stored); shown even when env overrides it. */
  stored: string | null;
  /** The env value when set (null otherwise). */
  env: string | null;
  default: string;
}

export interface SettingsResult {
  settings: SettingValue[];
}

export interface HorizonTestResult {
  url: string;
  /** history_latest_ledger of Horizon's root document (or its Latest-Ledger header). */
  latestLedger: number;
  /** Oldest ledger this Horizon holds: a fresh full load needs a full-history instance (≈ ledger 2). */
  historyElderLedger: number | null;
  horizonVersion: string | null;
  networkPassphrase: string | null;
  elapsedMs: number;
}

const httpUrl = z
  .string()
  .trim()
  .refine((s) => /^https?:\/\/[^\s/]+/.test(s) && URL.canParse(s), { message: 'expected an http(s) URL' });
const accountId = z.string().trim().refine(isAccountId, { message: 'expected a Stellar account id (G…, 56 chars, valid checksum)' });
const toid = z
  .string()
  .trim()
  .refine((s) => /^\d{1,19}$/.test(s) && BigInt(s) <= 9223372036854775807n, { message: 'expected a decimal TOID (paging token)' });
/** The published dumps: an http(s) base URL or a local folder. */
const dumpLocation = z
  .string()
  .trim()
  .min(1)
  .max(4096)
  .refine((s) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(s) || (/^(https?|file):\/\//i.test(s) && URL.canParse(s)), {
    message: 'expected an http(s) URL or a folder',
  });
const postgresDsn = z.string().trim().max(4096).regex(/^postgres(ql)?:\/\/\S+$/i, 'expected a PostgreSQL DSN (postgresql://user:password@host:port/db)');
const tableName = z.string().trim().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}(\.[A-Za-z_][A-Za-z0-9_]{0,62})?$/, 'expected a table name (schema.table)');
const secret = z.string().trim().min(1).max(4096);
const md5 = z.string().trim().regex(/^[0-9a-f]{32}$/, 'expected 32 lowercase hex digits');
const graceDays = z
  .string()
  .trim()
  .refine((s) => /^\d{1,5}$/.test(s) && Number(s) <= 36_500, { message: 'expected a whole number of days, 0-36500' });

const onOff = z
  .string()
  .trim()
  .toLowerCase()
  .refine((s) => s === 'on' || s === 'off', { message: 'expected "on" or "off"' });

/** One validator per key; null clears the stored value (the env value or default then applies). */
export const SETTING_SCHEMAS = {
  SC_HORIZON_URL: httpUrl,
  SC_VERRA_ASSET_SEARCH_URL: httpUrl,
  SC_VERRA_REPORT_URL: httpUrl,
  SC_CARBON_ISSUER_PUB: accountId,
  SC_CARBON_DISTRIB_PUB: accountId,
  SC_SINK_ISSUER_PUB: accountId,
  SC_FIRST_SINK_CURSOR: toid,
  SC_FIRST_MINT_CURSOR: toid,
  SC_FIRST_DIST_CURSOR: toid,
  SC_DATA_URL: dumpLocation,
  SC_OBSRVR_FLOW_DB_URI: postgresDsn,
  SC_OBSRVR_FLOW_TABLE: tableName,
  SC_MERCURY_KEY: secret,
  SC_RETROSHADES_URL: httpUrl,
  SC_RETROSHADES_MD5: md5,
  SC_RETIREMENT_GRACE_DAYS: graceDays,
  SC_LIVE: onOff,
} as const satisfies Record<SettingKey, z.ZodType<string>>;

export const settingsSetParams = z
  .object({
    values: z
      .object(Object.fromEntries(SETTING_KEYS.map((k) => [k, SETTING_SCHEMAS[k].nullable().optional()])) as {
        [K in SettingKey]: z.ZodOptional<z.ZodNullable<(typeof SETTING_SCHEMAS)[K]>>;
      })
      .strict(),
    note: z.string().max(1000).optional(),
  })
  .strict();
export type SettingsSetParams = z.output<typeof settingsSetParams>;

export const settingsMethods = {
  'settings.get': method<SettingsResult>()(z.object({}).strict()),
  /** Each change is recorded in the operation log as a 'settings-change' operation. */
  'settings.set': method<SettingsResult>()(settingsSetParams),
  /** GET {horizon}/ with a timeout; SOURCE_ERROR with a clear message when it fails. Default: the effective URL. */
  'settings.testHorizon': method<HorizonTestResult>()(
    z.object({ url: httpUrl.optional(), timeoutMs: z.number().int().min(100).max(120_000).default(10_000) }).strict(),
  ),
};
