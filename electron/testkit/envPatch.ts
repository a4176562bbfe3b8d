/**
 * Sets environment variables for a whole suite (beforeAll) and puts back what was there (afterAll): vitest's
 * stubEnv is per test, while these suites share one fake world across their tests and child processes.
 */
export class EnvPatch {
  private readonly saved: Record<string, string | undefined> = {};

  set(values: Record<string, string | undefined>): void {
    for (const [k, v] of Object.entries(values)) {
      if (!(k in this.saved)) this.saved[k] = process.env[k];
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }

  restore(): void {
    for (const [k, v] of Object.entries(this.saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
      delete this.saved[k];
    }
  }
}
