import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN, serveBundleFile } from './app/appProtocol.js';
import { installNavigationGuards, isSafeExternalUrl } from './app/navigationGuards.js';
import { buildProgram } from './cli/program.js';
import { Engine } from './core/engine.js';
import { NASTY_TEXTS, seedExportData } from './testkit/exportSeed.js';
import { neutraliseFormula } from './core/export/format.js';
import { CONTENT_SECURITY_POLICY, hostAllowed, originAllowed, staticFileFor, tokenMatches } from './serveGuards.js';

/**
 * Security checks that complement serve.test.ts, serveDownload.test.ts and electronGlue.test.ts: the edge cases
 * of the bridge's guards, the app:// protocol, external links, the CLI's CSV output (formula injection, --raw,
 * hostile text kept exactly) and the renderer rules (no HTML injection, enforced by lint).
 */
const REPO = path.resolve(__dirname, '..');

describe('serve guards: edge cases', () => {
  const port = 4567;
  it('accepts only this server as Host, whatever a rebinding attacker sends', () => {
    for (const h of ['127.0.0.1:4567', 'localhost:4567', 'LOCALHOST:4567']) expect(hostAllowed(h, port), h).toBe(true);
    for (const h of [undefined, '', '127.0.0.1', '127.0.0.1:4568', 'evil.example:4567', 'localhost.evil.example:4567', '127.0.0.1:4567.evil.example', '[::1]:4567', '0.0.0.0:4567', '127.0.0.1:4567 ', 'user@127.0.0.1:4567']) {
      expect(hostAllowed(h, port), String(h)).toBe(false);
    }
  });

  it('accepts only this server as Origin (or none), never "null" or a look-alike', () => {
    expect(originAllowed(undefined, port)).toBe(true);
    expect(originAllowed('http://127.0.0.1:4567', port)).toBe(true);
    for (const o of ['null', '', 'https://127.0.0.1:4567', 'http://127.0.0.1:4567.evil.example', 'http://127.0.0.1:45678', 'http://evil.example', 'file://', 'app://bundle', 'http://127.0.0.1:4567/']) {
      expect(originAllowed(o, port), o).toBe(false);
    }
  });

  it('compares tokens exactly (length, case, prefix)', () => {
    const t = 'aB3-_xyz0123456789012345678901234';
    expect(tokenMatches(t, t)).toBe(true);
    for (const g of [null, undefined, '', t.slice(0, -1), `${t}x`, t.toUpperCase(), ` ${t}`]) expect(tokenMatches(g, t), String(g)).toBe(false);
  });

  it('never maps a request outside the static root, to a hidden file, or to a folder listing', () => {
    const root = path.join(os.tmpdir(), 'static-root');
    for (const p of ['/../secret', '/%2e%2e/secret', '/a/%2e%2e/%2e%2e/secret', '/..%2fsecret', '/..%5csecret', '/a\\..\\..\\x', '/%00', '/.env', '/.git/config', '/assets/.hidden', '/%E0%A4%A']) {
      expect(staticFileFor(root, p), p).toBeNull();
    }
    expect(staticFileFor(root, '/')).toBe(path.join(root, 'index.html'));
    expect(staticFileFor(root, '/%252e%252e/x')).toBe(path.join(root, '%2e%2e', 'x')); // decoded once: a plain name
  });

  it('has a CSP without inline or eval, and no remote sources', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'self'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/object-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/frame-ancestors 'none'/);
  });
});

describe('Electron: app:// protocol and external links', () => {
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-bundle-'));
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>x</title>');
    fs.writeFileSync(path.join(os.tmpdir(), 'sc-outside-bundle.txt'), 'secret');
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('serves bundle files with the CSP and nothing outside the bundle or from another host', async () => {
    const ok = serveBundleFile(root, `${APP_ORIGIN}/index.html`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    for (const u of [`${APP_ORIGIN}/../sc-outside-bundle.txt`, `${APP_ORIGIN}/%2e%2e/sc-outside-bundle.txt`, 'app://other/index.html', `${APP_ORIGIN}/missing.js`, `${APP_ORIGIN}/`]) {
      const res = serveBundleFile(root, u);
      if (u === `${APP_ORIGIN}/`) expect(res.status).toBe(200);
      else expect(res.status, u).toBe(404);
    }
  });

  it('opens only plain https links externally', () => {
    for (const u of ['https://stellar.expert/explorer/public/tx/abc', 'https://registry.verra.org/app/projectDetail/VCS/1360']) expect(isSafeExternalUrl(u), u).toBe(true);
    for (const u of ['http://example.com', 'javascript:alert(1)', 'file:///etc/passwd', 'smb://host/share', 'ms-msdt:/id', 'https://user:pw@example.com', 'data:text/html,x', 'not a url', '']) {
      expect(isSafeExternalUrl(u), u).toBe(false);
    }
  });

  it('denies redirects away from the bundle and webview attachment', () => {
    const listeners: Record<string, (e: { preventDefault: () => void }, url?: string) => void> = {};
    const contents = { on: (ev: string, fn: never) => (listeners[ev] = fn), setWindowOpenHandler: vi.fn() };
    const shell = { openExternal: vi.fn(() => Promise.resolve()) };
    installNavigationGuards(contents as never, shell);
    const prevented = (ev: string, url?: string) => {
      const e = { preventDefault: vi.fn() };
      listeners[ev]?.(e, url);
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(prevented('will-redirect', 'https://evil.example/')).toBe(true);
    expect(prevented('will-redirect', `${APP_ORIGIN}/index.html`)).toBe(false);
    expect(prevented('will-attach-webview')).toBe(true);
    expect(prevented('will-navigate', 'javascript:alert(1)')).toBe(true);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('CLI CSV: formula injection and hostile text', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-csv-'));
    db = path.join(dir, 'db.sqlite3');
    const engine = new Engine(db);
    seedExportData(engine.writer(), 20);
    engine.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function cli(...args: string[]): Promise<string> {
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array, cb?: unknown) => {
      out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      if (typeof cb === 'function') (cb as () => void)();
      return true;
    }) as never);
    try {
      await buildProgram().parseAsync(['node', 'sc-audit-explorer', '--db', db, ...args]);
    } finally {
      spy.mockRestore();
    }
    return out;
  }

  it('-f csv neutralises formulas; --raw keeps cells as they are; -f json keeps every character', async () => {
    const csv = await cli('view', 'retirements', '-f', 'csv');
    const raw = await cli('view', 'retirements', '-f', 'csv', '--raw');
    const json = JSON.parse(await cli('view', 'retirements', '-f', 'json')) as { retirement_beneficiary: string }[];
    for (const t of NASTY_TEXTS.filter((x) => /^[=+\-@\t]/.test(x))) {
      const quoted = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
      expect(csv).toContain(`,${quoted(neutraliseFormula(t))},`);
      expect(neutraliseFormula(t).startsWith("'")).toBe(true);
      expect(raw).toContain(`,${quoted(t)},`);
    }
    // JSON is exact: control characters, RTL overrides, ZWJ emoji and combining marks survive unchanged.
    const beneficiaries = new Set(json.map((r) => r.retirement_beneficiary));
    for (const t of NASTY_TEXTS) expect(beneficiaries.has(t), JSON.stringify(t)).toBe(true);
    expect(csv).toContain('rtl \u202Eevil\u202C and \u200F marks \u061C');
    expect(csv).toContain('emoji 🌍🌳 ZWJ 👩‍👩‍👧 and é (e\u0301)');
  }, 60_000);
});

describe('renderer: text is rendered, never injected as HTML', () => {
  it('lint refuses dangerouslySetInnerHTML in renderer code', async () => {
    const eslint = new ESLint({ cwd: REPO });
    const [result] = await eslint.lintText('export const X = (p: { html: string }) => <div dangerouslySetInnerHTML={{ __html: p.html }} />;\n', {
      filePath: path.join(REPO, 'renderer', 'src', 'components', 'LintProbe.tsx'),
    });
    expect(result?.messages.map((m) => m.message)).toContain('Never inject HTML: render text through React.');
  }, 60_000);

  it('no renderer source writes HTML or evaluates strings', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(tsx?|html)$/.test(e.name)) files.push(p);
      }
    };
    walk(path.join(REPO, 'renderer', 'src'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      expect(text, f).not.toMatch(/dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(|\beval\(|new Function\(/);
    }
    const index = fs.readFileSync(path.join(REPO, 'renderer', 'index.html'), 'utf8');
    expect(index).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/); // no inline script (the CSP would block it anyway)
  });
});
