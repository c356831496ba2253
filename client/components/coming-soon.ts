// The body of a page whose features arrive in a later release: what the page is for and what
// patients will be able to do there, with no sample records.
import { html, type TemplateResult } from 'lit';

export interface ComingSoon {
  title: string;
  intro: string;
  /** What the page will offer, in the words patients know from the practice's current portal. */
  features: readonly (string | TemplateResult)[];
  note?: string | TemplateResult;
}

export const comingSoon = ({ title, intro, features, note }: ComingSoon): TemplateResult =>
  html`<h1 tabindex="-1">${title}</h1>
    <p class="lead">${intro}</p>
    <section class="card" aria-labelledby="coming">
      <h2 id="coming">What you'll find here</h2>
      <ul>
        ${features.map((feature) => html`<li>${feature}</li>`)}
      </ul>
    </section>
    ${note ? html`<p class="note">${note}</p>` : ''}`;
