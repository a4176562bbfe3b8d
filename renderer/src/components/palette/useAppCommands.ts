import { useEffect, useRef } from 'react';
import { type AppCommand, isAppCommand } from '../../../../shared/appCommands';
import { api } from '../../api/client';
import { navigate } from '../../router';
import type { Command } from './commands';

export interface AppCommandTargets {
  actions: readonly Command[];
  openPalette: () => void;
  openShortcuts: () => void;
  /** Why an action cannot run now is said on the status line, as when it is chosen in the palette. */
  say: (text: string) => void;
}

/** Runs one 'app.command' of the desktop menu: the palette's action of that id, a page, the palette, history. */
export function runAppCommand(cmd: AppCommand, t: AppCommandTargets): void {
  if (cmd.id === 'shell:palette') t.openPalette();
  else if (cmd.id === 'shell:shortcuts') t.openShortcuts();
  else if (cmd.id === 'shell:back') window.history.back();
  else if (cmd.id === 'shell:forward') window.history.forward();
  else if (cmd.id.startsWith('page:')) navigate(cmd.id.slice('page:'.length));
  else {
    const action = t.actions.find((a) => a.id === cmd.id);
    if (!action) t.say(`Unknown command: ${cmd.id}`);
    else if (action.disabled) t.say(`${action.label}: ${action.disabled}`);
    else action.run(cmd.path === undefined ? undefined : { path: cmd.path });
  }
}

/** Subscribes to the menu's 'app.command' events for as long as the window's keyboard layer is mounted. */
export function useAppCommands(targets: AppCommandTargets): void {
  const ref = useRef(targets);
  useEffect(() => {
    ref.current = targets;
  });
  useEffect(
    () =>
      api.on('app.command', (cmd) => {
        if (isAppCommand(cmd)) runAppCommand(cmd, ref.current);
      }),
    [],
  );
}
