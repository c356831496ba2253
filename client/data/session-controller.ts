// Re-renders a Lit element whenever the session changes (sign-in, sign-out, lock, account edits).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { session as appSession, SESSION_CHANGE, type Session } from './session';

export class SessionController implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost,
    readonly session: Session = appSession,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.session.addEventListener(SESSION_CHANGE, this.onChange);
  }

  hostDisconnected(): void {
    this.session.removeEventListener(SESSION_CHANGE, this.onChange);
  }

  private readonly onChange = (): void => this.host.requestUpdate();
}
