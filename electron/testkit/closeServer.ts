import type http from 'node:http';

/** Stops a fake server at once: answers still held back (hang faults) are cut, kept-alive connections closed. */
export async function closeServer(server: http.Server | null, hanging?: Set<http.ServerResponse>): Promise<void> {
  for (const res of hanging ?? []) res.destroy();
  hanging?.clear();
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
