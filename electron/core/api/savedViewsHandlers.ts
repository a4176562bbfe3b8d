import { deleteView, listSavedViews, renameView, saveView } from '../settings/savedViews.js';
import type { HandlerSlice } from './handlerTypes.js';

/** Saved views: the auditor's own working state (not audit data), in the database next to the settings. */
export const savedViewsHandlers: HandlerSlice<'savedViews.list' | 'savedViews.save' | 'savedViews.rename' | 'savedViews.delete'> = (engine) => {
  // Every open window lists them (navigation, palette): tell them.
  const changed = <T>(value: T): T => {
    engine.events.emit('data.changed', { tables: ['saved_views'] });
    return value;
  };
  return {
    'savedViews.list': () => listSavedViews(engine.reader()),
    'savedViews.save': (p) => changed(saveView(engine.writer(), p)),
    'savedViews.rename': (p) => changed(renameView(engine.writer(), p.name, p.to)),
    'savedViews.delete': (p) => changed(deleteView(engine.writer(), p.name)),
  };
};
