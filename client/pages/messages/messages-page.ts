// <messages-page>: secure messages with the care team. Says what the page will offer until
// messaging arrives in a later release.
import { html, LitElement } from 'lit';
import { comingSoon } from '../../components/coming-soon';
import { pageStyles } from '../../components/page-styles';

export class MessagesPage extends LitElement {
  static override styles = pageStyles;

  override render() {
    return comingSoon({
      title: 'Messages',
      intro:
        'Write securely to the providers you have seen, and read their answers. Messages you write while offline will wait on this device and go out as soon as you are connected.',
      features: [
        'Send a message: choose the provider, the office location and a subject such as a medical question or appointments and scheduling',
        'Up to 1000 characters per message',
        'Attach up to 10 files per message (PDF, JPEG or PNG, up to 10 MB each; videos are not supported)',
        'Your conversations and your providers’ replies, also when you are offline',
      ],
      note: html`Messages are not for emergencies. Never send credit card numbers or pictures of cards in a
        message.`,
    });
  }
}

customElements.define('messages-page', MessagesPage);
