/** The listener snapshot restores exactly what the application had. */
import { expect, it } from 'vitest';
import { snapshotProcessListeners } from '../src/node/process-listeners.js';

it('removes listeners added later and re-adds ones removed later', () => {
  const mine = () => undefined;
  const glue = () => undefined;
  process.on('uncaughtException', mine);
  const snapshot = snapshotProcessListeners();
  process.on('uncaughtException', glue); // what emscripten does on instantiation
  process.removeListener('uncaughtException', mine); // what its _dispose does
  snapshot.restore();
  expect(process.listeners('uncaughtException')).toContain(mine);
  expect(process.listeners('uncaughtException')).not.toContain(glue);
  process.removeListener('uncaughtException', mine);
});
