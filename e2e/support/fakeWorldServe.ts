import { test } from '@playwright/test';
import { type FakeWorldHandle, startFakeWorldProcess } from './fakeWorldProcess';
import { type ServeHandle, startServeProcess } from './serveProcess';

/**
 * A spec file's fake Horizon/Verra world and a `serve` on an empty database pointed at it, started before the
 * file's tests and stopped after them. `extraEnv` adds to the world's settings (e.g. SC_DATA_URL).
 */
export function useFakeWorldServe(extraEnv: Record<string, string> = {}): { world: () => FakeWorldHandle; serve: () => ServeHandle } {
  let world: FakeWorldHandle | undefined;
  let serve: ServeHandle | undefined;
  test.beforeAll(async () => {
    world = await startFakeWorldProcess();
    serve = await startServeProcess({ env: { ...world.env, ...extraEnv } });
  });
  test.afterAll(async () => {
    await serve?.stop();
    await world?.stop();
  });
  const started = <T>(v: T | undefined, what: string): T => {
    if (!v) throw new Error(`${what} is not started (useFakeWorldServe starts it before the tests)`);
    return v;
  };
  return { world: () => started(world, 'the fake world'), serve: () => started(serve, 'serve') };
}
