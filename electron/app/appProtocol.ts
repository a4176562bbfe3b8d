import fs from 'node:fs';
import { CONTENT_SECURITY_POLICY, contentTypeFor, staticFileFor } from '../serveGuards.js';

/**
 * The renderer is loaded from app://bundle/ rather than file://, so 'self' in the CSP means exactly the bundle,
 * and the IPC sender check has one origin to compare against.
 */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://bundle`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** Answers one app:// request from the built renderer folder; nothing outside it is ever served. */
export function serveBundleFile(rendererDir: string, requestUrl: string): Response {
  const url = new URL(requestUrl);
  if (url.origin !== APP_ORIGIN && `${url.protocol}//${url.host}` !== APP_ORIGIN) return new Response('Not found', { status: 404 });
  const file = staticFileFor(rendererDir, url.pathname);
  if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) return new Response('Not found', { status: 404 });
  return new Response(fs.readFileSync(file), {
    headers: { 'content-type': contentTypeFor(file), 'content-security-policy': CONTENT_SECURITY_POLICY },
  });
}
