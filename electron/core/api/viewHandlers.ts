import { viewInventory } from '../views/inventory.js';
import { getSinkingTx, listSinkingTxs } from '../views/sinkingTxs.js';
import { getRetirement, listRetirements } from '../views/retirements.js';
import { listDistributionTxs } from '../views/distributionTxs.js';
import { driftSummary, listDrift } from '../views/drift.js';
import { carbonStats } from '../views/stats.js';
import { getBlock } from '../views/block.js';
import { yoyAnalytics } from '../views/analytics.js';
import { saleAgeing } from '../views/ageing.js';
import { lookup } from '../views/lookup.js';
import type { HandlerSlice } from './handlerTypes.js';

type ViewMethod =
  | 'views.inventory'
  | 'views.sinkingTxs'
  | 'views.sinkingTx'
  | 'views.retirements'
  | 'views.retirement'
  | 'views.distributionTxs'
  | 'views.drift'
  | 'views.driftSummary'
  | 'views.block'
  | 'views.stats'
  | 'views.analytics'
  | 'views.saleAgeing'
  | 'views.lookup';

/** Views read through the engine's read-only handle; lists are paged (the UI never asks for everything at once). */
export const viewHandlers: HandlerSlice<ViewMethod> = (engine) => ({
  'views.inventory': (p) => viewInventory(engine.reader(), p),
  'views.sinkingTxs': (p) => listSinkingTxs(engine.reader(), p),
  'views.sinkingTx': (p) => getSinkingTx(engine.reader(), p.hash),
  'views.retirements': (p) => listRetirements(engine.reader(), p),
  'views.retirement': (p) => getRetirement(engine.reader(), p.certificateId),
  'views.distributionTxs': (p) => listDistributionTxs(engine.reader(), p),
  'views.drift': (p) => listDrift(engine.reader(), p),
  'views.driftSummary': () => driftSummary(engine.reader()),
  'views.block': (p) => getBlock(engine.reader(), p.serialHash),
  'views.stats': (p) => carbonStats(engine.reader(), p.recipient),
  'views.analytics': () => yoyAnalytics(engine.reader()),
  'views.saleAgeing': () => saleAgeing(engine.reader()),
  'views.lookup': (p) => lookup(engine.reader(), p.text, p.limit),
});
