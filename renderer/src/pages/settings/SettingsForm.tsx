import { useMemo, useState } from 'react';
import { SETTING_SCHEMAS, type SettingKey, type SettingValue } from '../../../../shared/api/settings';
import { api, errorText } from '../../api/client';
import { ErrorState, Loading } from '../../components/StatusViews';
import { formatDuration } from '../../format/time';
import { useApi } from '../../hooks/useApi';

const LABELS: Record<SettingKey, { label: string; note?: string; secret?: true }> = {
  SC_HORIZON_URL: {
    label: 'Horizon URL',
    note: "SDF's public Horizon keeps about one year of history: a first run starts from Stellarcarbon's published data (below) or needs a full-history Horizon.",
  },
  SC_VERRA_ASSET_SEARCH_URL: { label: 'Verra asset search URL' },
  SC_VERRA_REPORT_URL: { label: 'Verra carbon pool report URL' },
  SC_CARBON_ISSUER_PUB: { label: 'CARBON issuer account' },
  SC_CARBON_DISTRIB_PUB: { label: 'CARBON distributor account' },
  SC_SINK_ISSUER_PUB: { label: 'CarbonSINK issuer account' },
  SC_FIRST_SINK_CURSOR: { label: 'First sink cursor (TOID)', note: 'Where a first catch-up of sinking txs starts.' },
  SC_FIRST_MINT_CURSOR: { label: 'First mint cursor (TOID)' },
  SC_FIRST_DIST_CURSOR: { label: 'First distribution cursor (TOID)' },
  SC_DATA_URL: {
    label: 'Published data (sc-data) URL or folder',
    note: 'Where a bootstrap downloads the seven <table>.ndjson dumps from; every bootstrapped row is then re-checked against Horizon and Verra.',
  },
  SC_OBSRVR_FLOW_DB_URI: {
    label: 'Obsrvr Flow database (contract-call sales)',
    note: 'A PostgreSQL DSN; tried first. Set this or a Mercury key, not both: without either, contract-call sales are not loaded.',
    secret: true,
  },
  SC_OBSRVR_FLOW_TABLE: { label: 'Obsrvr Flow table' },
  SC_MERCURY_KEY: { label: 'Mercury key (contract-call sales)', note: 'Sent as the Authorization header to Mercury Retroshades.', secret: true },
  SC_RETROSHADES_URL: { label: 'Mercury Retroshades URL' },
  SC_RETROSHADES_MD5: { label: 'Retroshades table hash (MD5)' },
  SC_RETIREMENT_GRACE_DAYS: { label: 'Retirement grace period (days)', note: 'A sale older than this and not finalized is a verify finding.' },
  SC_LIVE: {
    label: 'Live mode at start (on/off)',
    note: "While the app is open, new sales, outflows and mints are loaded from Horizon's streams as they happen. The header's Live button turns it off or on for this session.",
  },
};

function problemOf(key: SettingKey, value: string): string | null {
  const r = SETTING_SCHEMAS[key].safeParse(value);
  return r.success ? null : (r.error.issues[0]?.message ?? 'invalid');
}

function HorizonTest({ url }: { url: string }) {
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'busy' } | { kind: 'ok'; text: string; warn: string | null } | { kind: 'error'; text: string }>({ kind: 'idle' });
  async function run() {
    setState({ kind: 'busy' });
    try {
      const r = await api.call('settings.testHorizon', url ? { url } : {});
      const pruned = r.historyElderLedger !== null && r.historyElderLedger > 2;
      setState({
        kind: 'ok',
        text: `Reached ${r.url} in ${formatDuration(r.elapsedMs)}: latest ledger ${r.latestLedger}${r.historyElderLedger !== null ? `, history from ledger ${r.historyElderLedger}` : ''}${r.horizonVersion ? ` (Horizon ${r.horizonVersion})` : ''}.`,
        warn: pruned ? 'This Horizon has pruned history: fine for later catch-ups, not for a first one.' : null,
      });
    } catch (err) {
      setState({ kind: 'error', text: `${errorText(err).code}: ${errorText(err).message}` });
    }
  }
  return (
    <span className="test-connection">
      <button type="button" onClick={() => void run()} disabled={state.kind === 'busy'} data-testid="test-horizon">
        {state.kind === 'busy' ? 'Testing…' : 'Test connection'}
      </button>
      <span role="status" data-testid="test-horizon-result" className={state.kind === 'error' ? 'error-text small' : 'small'}>
        {(state.kind === 'ok' || state.kind === 'error') && state.text}
        {state.kind === 'ok' && state.warn && <span className="warn-text"> {state.warn}</span>}
      </span>
    </span>
  );
}

function originNote(s: SettingValue): string {
  if (s.origin === 'env') return `Set by ${s.key} in the environment${s.stored !== null ? ` (stored value ${s.stored} is overridden)` : ''}.`;
  if (s.origin === 'stored') return `Stored (default ${s.default}).`;
  return 'Default.';
}

export function SettingsForm() {
  const [settings, reload] = useApi('settings.get', {});
  const [drafts, setDrafts] = useState<Partial<Record<SettingKey, string>>>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const byKey = useMemo(() => (settings.state === 'ready' ? new Map(settings.value.settings.map((s) => [s.key, s])) : new Map<SettingKey, SettingValue>()), [settings]);
  if (settings.state === 'loading') return <Loading />;
  if (settings.state === 'error') return <ErrorState code={settings.code} message={settings.message} onRetry={reload} />;

  const changed = Object.entries(drafts).filter(([k, v]) => v !== (byKey.get(k as SettingKey)?.stored ?? byKey.get(k as SettingKey)?.value)) as [SettingKey, string][];
  const problems = changed.map(([k, v]) => (v.trim() === '' ? null : problemOf(k, v.trim()))).filter(Boolean);

  async function save(values: Partial<Record<SettingKey, string | null>>) {
    setSaving(true);
    setStatus(null);
    try {
      await api.call('settings.set', { values });
      setDrafts({});
      reload();
      setStatus({ ok: true, text: `Saved ${Object.keys(values).length} setting(s); recorded in the audit log.` });
    } catch (err) {
      setStatus({ ok: false, text: `${errorText(err).code}: ${errorText(err).message}` });
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      className="form"
      data-testid="settings-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save(Object.fromEntries(changed.map(([k, v]) => [k, v.trim() === '' ? null : v.trim()])));
      }}
    >
      {settings.value.settings.map((s) => {
        const draft = drafts[s.key] ?? s.stored ?? s.value;
        const problem = draft.trim() && drafts[s.key] !== undefined ? problemOf(s.key, draft.trim()) : null;
        const id = `setting-${s.key}`;
        return (
          <div key={s.key} className="form-row">
            <label htmlFor={id}>{LABELS[s.key]?.label ?? s.key}</label>
            <div className="control">
              <input
                id={id}
                type={LABELS[s.key]?.secret ? 'password' : 'text'}
                autoComplete="off"
                value={draft}
                spellCheck={false}
                aria-invalid={problem ? true : undefined}
                data-testid={id}
                onChange={(e) => setDrafts({ ...drafts, [s.key]: e.target.value })}
                placeholder={s.default}
              />
              {problem && <span className="error-text small">{problem}</span>}
              <span className="note">
                <span className="mono">{s.key}</span> · {originNote(s)} {LABELS[s.key]?.note}
                {s.stored !== null && (
                  <>
                    {' '}
                    <button type="button" className="link-button" onClick={() => void save({ [s.key]: null })}>
                      Reset to default
                    </button>
                  </>
                )}
              </span>
              {s.key === 'SC_HORIZON_URL' && <HorizonTest url={(drafts.SC_HORIZON_URL ?? s.value).trim()} />}
            </div>
          </div>
        );
      })}
      <div className="actions">
        <button type="submit" className="primary" disabled={saving || changed.length === 0 || problems.length > 0} data-testid="settings-save">
          {saving ? 'Saving…' : `Save${changed.length ? ` (${changed.length})` : ''}`}
        </button>
        {changed.length > 0 && (
          <button type="button" onClick={() => setDrafts({})}>
            Discard changes
          </button>
        )}
        {status && (
          <span role="status" className={status.ok ? 'muted' : 'error-text'} data-testid="settings-status">
            {status.text}
          </span>
        )}
      </div>
    </form>
  );
}
