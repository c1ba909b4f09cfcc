// The workspace's one open menu (new pane on a host, or confirm removing a host): a press
// anywhere outside an element marked data-keeps-menu, or Escape, closes it.
import type { ReactiveControllerHost } from 'lit';
import { PopupController } from '../ui/popup-controller';

export type WorkspaceMenu = 'new' | { remove: string } | null;

export class WorkspaceMenuController extends PopupController<Exclude<WorkspaceMenu, null>> {
  constructor(host: ReactiveControllerHost) {
    super(host, (el) => el.dataset['keepsMenu'] !== undefined);
  }

  get menu(): WorkspaceMenu {
    return this.open;
  }

  set menu(next: WorkspaceMenu) {
    this.open = next;
  }

  /** The host whose removal waits for the learner's confirmation, if any. */
  get removing(): string | null {
    const open = this.open;
    return typeof open === 'object' && open ? open.remove : null;
  }
}
