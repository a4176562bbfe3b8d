import { AppError } from '../../shared/errors.js';
import { parseToid } from './domain/toid.js';
import { isAccountId } from './domain/strkey.js';

/** Where the catch-up reads from and which accounts it follows: sc-audit's settings, same env names and defaults. */
export interface SourceConfig {
  horizonUrl: string;
  verraAssetSearchUrl: string;
  verraReportUrl: string;
  carbonIssuer: string;
  carbonDistributor: string;
  sinkIssuer: string;
  firstSinkCursor: bigint;
  firstMintCursor: bigint;
  firstDistCursor: bigint;
  /** Where the published dumps lie for a bootstrap: a base URL under which `<table>.ndjson` lie, or a local folder. */
  scDataUrl: string;
  /** Contract-call sales: Obsrvr Flow (a PostgreSQL DSN and table), tried first, or Mercury Retroshades. */
  obsrvrFlowDbUri: string | null;
  obsrvrFlowTable: string;
  mercuryKey: string | null;
  retroshadesUrl: string;
  retroshadesMd5: string;
}

/** Env name → config key: Horizon and Verra, the Stellarcarbon accounts and first cursors, then the published data and the indexers. */
export const SOURCE_ENV = {
  SC_HORIZON_URL: 'horizonUrl',
  SC_VERRA_ASSET_SEARCH_URL: 'verraAssetSearchUrl',
  SC_VERRA_REPORT_URL: 'verraReportUrl',
  SC_CARBON_ISSUER_PUB: 'carbonIssuer',
  SC_CARBON_DISTRIB_PUB: 'carbonDistributor',
  SC_SINK_ISSUER_PUB: 'sinkIssuer',
  SC_FIRST_SINK_CURSOR: 'firstSinkCursor',
  SC_FIRST_MINT_CURSOR: 'firstMintCursor',
  SC_FIRST_DIST_CURSOR: 'firstDistCursor',
  SC_DATA_URL: 'scDataUrl',
  SC_OBSRVR_FLOW_DB_URI: 'obsrvrFlowDbUri',
  SC_OBSRVR_FLOW_TABLE: 'obsrvrFlowTable',
  SC_MERCURY_KEY: 'mercuryKey',
  SC_RETROSHADES_URL: 'retroshadesUrl',
  SC_RETROSHADES_MD5: 'retroshadesMd5',
} as const satisfies Record<string, keyof SourceConfig>;

export type SourceEnvName = keyof typeof SOURCE_ENV;

export const DEFAULT_SOURCE_CONFIG: Readonly<SourceConfig> = Object.freeze({
  horizonUrl: 'https://horizon.stellar.org',
  verraAssetSearchUrl: 'https://registry.verra.org/uiapi/asset/asset/search',
  verraReportUrl: 'https://registry.verra.org/mymodule/rpt/myRpt.asp',
  carbonIssuer: 'GCBOATLWKXACOWKRRWORARDI2HFDSYPALMTS23YBZKHOB6XLW6CARBON',
  carbonDistributor: 'GABXJLJDNWRIGCVQPPC2FJ2NORUJBGLNOBYXKW7WQD3CUZS6YTFCS4ZP',
  sinkIssuer: 'GC7CDWMCWNCY7JYUW5UBEOLNBSTNDKKZSFTHKGZNPPSOXLFYFX3CSINK',
  firstSinkCursor: 164821723627237376n,
  firstMintCursor: 164806777139924992n,
  firstDistCursor: 164810659791396865n,
  scDataUrl: 'https://raw.githubusercontent.com/stellarcarbon/sc-data/main/sc-audit',
  obsrvrFlowDbUri: null,
  obsrvrFlowTable: 'extracted_contract_invocations',
  mercuryKey: null,
  retroshadesUrl: 'https://api.mercurydata.app/retroshadesv1',
  retroshadesMd5: '3dd6e7b71adb9fda05a5b45a154611f3',
});

/** Settings whose values are secrets (a key, a DSN with a password): never written to the log or an error as they are. */
export const SECRET_SETTINGS = new Set<SourceEnvName>(['SC_MERCURY_KEY', 'SC_OBSRVR_FLOW_DB_URI']);

/**
 * The file holding the auditor's signing key (an S… seed) for `serve` and the CLI (see core/signing/signingKey.ts).
 * The path is not a secret, the file's content is: it is read when signing and never logged.
 */
export const SIGNING_KEY_FILE_ENV = 'SC_SIGNING_KEY_FILE';

/** A DSN without its password, for messages and the operation log. */
export function redactDsn(dsn: string): string {
  return dsn.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@]*@/i, '$1:***@');
}

/** Settings as text (env values or stored settings), keyed by env name. */
export type SourceSettings = Partial<Record<SourceEnvName, string | undefined>>;

const URL_KEYS = new Set<keyof SourceConfig>(['horizonUrl', 'verraAssetSearchUrl', 'verraReportUrl', 'retroshadesUrl']);
const ACCOUNT_KEYS = new Set<keyof SourceConfig>(['carbonIssuer', 'carbonDistributor', 'sinkIssuer']);

/**
 * Builds the source config: defaults, then env, then overrides (stored settings win over env).
 * Every value is checked here, so a typo in an env var fails at start with its name rather than mid-sync.
 */
export function loadSourceConfig(env: SourceSettings | NodeJS.ProcessEnv = process.env, overrides: SourceSettings = {}): SourceConfig {
  const cfg: SourceConfig = { ...DEFAULT_SOURCE_CONFIG };
  for (const layer of [env as SourceSettings, overrides]) {
    for (const [name, key] of Object.entries(SOURCE_ENV) as [SourceEnvName, keyof SourceConfig][]) {
      const raw = layer[name]?.trim();
      if (raw) setValue(cfg, key, raw, name);
    }
  }
  return cfg;
}

function setValue(cfg: SourceConfig, key: keyof SourceConfig, raw: string, name: string): void {
  if (URL_KEYS.has(key)) {
    if (!/^https?:\/\/[^\s]+$/.test(raw)) throw new AppError('BAD_INPUT', `${name}: ${JSON.stringify(raw)} is not an http(s) URL`);
    // A trailing slash would double up when paths are appended.
    (cfg as unknown as Record<string, unknown>)[key] = raw.replace(/\/+$/, '');
  } else if (key === 'obsrvrFlowDbUri') {
    if (!/^postgres(ql)?:\/\/\S+$/i.test(raw)) throw new AppError('BAD_INPUT', `${name}: ${JSON.stringify(redactDsn(raw))} is not a PostgreSQL DSN (postgresql://…)`);
    cfg.obsrvrFlowDbUri = raw;
  } else if (key === 'obsrvrFlowTable') {
    // Interpolated into SQL as an identifier: only plain (optionally schema-qualified) names.
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}(\.[A-Za-z_][A-Za-z0-9_]{0,62})?$/.test(raw)) throw new AppError('BAD_INPUT', `${name}: ${JSON.stringify(raw)} is not a table name`);
    cfg.obsrvrFlowTable = raw;
  } else if (key === 'mercuryKey') {
    cfg.mercuryKey = raw;
  } else if (key === 'retroshadesMd5') {
    if (!/^[0-9a-f]{32}$/.test(raw)) throw new AppError('BAD_INPUT', `${name}: ${JSON.stringify(raw)} is not an MD5 hex digest`);
    cfg.retroshadesMd5 = raw;
  } else if (key === 'scDataUrl') {
    // A folder path or an http(s) base URL; anything with another scheme is a typo worth naming now.
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) && !/^(https?|file):\/\/[^\s]+$/i.test(raw)) {
      throw new AppError('BAD_INPUT', `${name}: ${JSON.stringify(raw)} is neither an http(s) URL nor a folder`);
    }
    cfg.scDataUrl = /^https?:/i.test(raw) ? raw.replace(/\/+$/, '') : raw;
  } else if (ACCOUNT_KEYS.has(key)) {
    if (!isAccountId(raw)) throw new AppError('BAD_INPUT', `${name}: ${JSON.stringify(raw)} is not a valid Stellar account id (G…)`);
    (cfg as unknown as Record<string, unknown>)[key] = raw;
  } else {
    try {
      (cfg as unknown as Record<string, unknown>)[key] = parseToid(raw);
    } catch (err) {
      throw new AppError('BAD_INPUT', `${name}: ${(err as Error).message}`);
    }
  }
}

/** Which indexer contract-call sales come from: Obsrvr Flow, Mercury Retroshades, or none. Both set is refused. */
export function contractCallSource(cfg: SourceConfig): 'obsrvr' | 'mercury' | null {
  if (cfg.obsrvrFlowDbUri !== null && cfg.mercuryKey !== null) {
    throw new AppError('BAD_INPUT', 'SC_OBSRVR_FLOW_DB_URI and SC_MERCURY_KEY are both set: contract-call sales come from one indexer, so set only one');
  }
  return cfg.obsrvrFlowDbUri !== null ? 'obsrvr' : cfg.mercuryKey !== null ? 'mercury' : null;
}
