// <not-found-page>: shown for any address the app doesn't know, with a way back home.
import { html, LitElement } from 'lit';
import { pageStyles } from '../../components/page-styles';

export class NotFoundPage extends LitElement {
  static override styles = pageStyles;

  override render() {
    return html`<h1 tabindex="-1">Page not found</h1>
      <p class="lead">We couldn't find that page. The link may be old, or the address may have a typo.</p>
      <p><a href="/">Go to Home</a> or choose a page from the navigation.</p>`;
  }
}

customElements.define('not-found-page', NotFoundPage);
