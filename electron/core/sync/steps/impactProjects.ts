import type { StepContext } from '../types.js';
import { recordSyncState } from '../syncState.js';

/** VCS 1360, exactly as sc-audit hard-codes it (the registry is not asked). */
export const VCS_1360 = {
  id: 1360,
  name: 'Forest Management to reduce deforestation and degradation in Shipibo Conibo and Cacataibo Indigenous communities of Ucayali region',
  category: 'Agriculture Forestry and Other Land Use',
  protocol: 'VM0015',
  additional_certifications: 'CCB-Gold',
  region: 'Latin America',
  country: 'Peru',
} as const;

export function loadImpactProjects(ctx: StepContext): Promise<number> {
  const p = VCS_1360;
  const n = ctx.db.transaction(() => {
    const info = ctx.db
      .prepare(
        `INSERT INTO vcs_projects (id, name, category, protocol, additional_certifications, region, country)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
      )
      .run(p.id, p.name, p.category, p.protocol, p.additional_certifications, p.region, p.country);
    recordSyncState(ctx.db, 'impact-projects', null, ctx.now(), null);
    return info.changes;
  }).immediate();
  ctx.progress(n, 1);
  return Promise.resolve(n);
}
