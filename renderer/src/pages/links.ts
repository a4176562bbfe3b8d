import { hrefFor } from '../router';

/** Cross-links between views: each opens the target view with the record selected (a permalink). */
export const linkToSink = (hash: string) => hrefFor('sinks', { sel: hash });
export const linkToSinksOf = (recipient: string) => hrefFor('sinks', { recipient });
export const linkToRetirement = (certificateId: number | string) => hrefFor('retirements', { sel: String(certificateId) });
export const linkToBlock = (serialHash: string) => hrefFor('inventory', { sel: serialHash });
export const linkToHistory = (table: string, key: string) => hrefFor('audit', { tab: 'changes', table, key, sel: '' });
/** The provenance list of the rows taken from published data, optionally filtered by a status. */
export const linkToProvenance = (status?: string) => hrefFor('audit', { tab: 'provenance', status });
