// Tells a form whether the device is online, so pages that need the server say so up front
// instead of failing when the button is pressed.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class OnlineController implements ReactiveController {
  online = navigator.onLine;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.online = navigator.onLine;
    window.addEventListener('online', this.onChange);
    window.addEventListener('offline', this.onChange);
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.onChange);
    window.removeEventListener('offline', this.onChange);
  }

  private readonly onChange = (event: Event): void => {
    this.online = event.type === 'online';
    this.host.requestUpdate();
  };
}
