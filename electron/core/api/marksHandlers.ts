import { clearMark, listMarks, setMark } from '../audit/reviewMarks.js';
import type { HandlerSlice } from './handlerTypes.js';

/** Review marks: set and clear are recorded operations; the list reads the read handle. */
export const marksHandlers: HandlerSlice<'marks.set' | 'marks.clear' | 'marks.list'> = (engine) => ({
  'marks.set': (p, ctx) => setMark(engine, p, { via: ctx.via }),
  'marks.clear': (p, ctx) => clearMark(engine, p, { via: ctx.via }),
  'marks.list': (p) => listMarks(engine.reader(), p),
});
