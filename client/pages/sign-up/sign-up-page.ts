// <sign-up-page>: "Sign up today" starts with "Who will use this account?": the patient, or a
// family member of a patient. Each choice is a large card leading to its own path.
import { css, html, LitElement } from 'lit';
import { icon } from '../../components/icons';
import { pageStyles } from '../../components/page-styles';

export class SignUpPage extends LitElement {
  static override styles = [
    ...pageStyles,
    css`
      ul.choices {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
        gap: 1rem;
        max-width: 46rem;
        margin: 0 0 1.5rem;
        padding: 0;
        list-style: none;
      }
      ul.choices li {
        max-width: none;
        margin: 0;
      }
      .choice {
        display: flex;
        gap: 1rem;
        height: 100%;
        padding: 1.25rem;
        border: 2px solid var(--border);
        border-radius: var(--radius);
        background: var(--surface);
        color: var(--text);
        text-decoration: none;
      }
      .choice:hover {
        border-color: var(--accent);
        background: var(--accent-soft);
      }
      .choice .icon {
        flex: none;
        width: 2.75rem;
        height: 2.75rem;
        padding: 0.5rem;
        border-radius: 0.625rem;
        background: var(--accent-soft);
        color: var(--accent-strong);
      }
      .choice strong {
        display: block;
        margin-bottom: 0.25rem;
        color: var(--accent-strong);
        font-size: 1.125rem;
      }
      .choice span span {
        color: var(--muted);
      }
    `,
  ];

  override render() {
    return html`<h1 tabindex="-1">Sign up today</h1>
      <p class="lead">Create your portal account to see your health information, write to your care team and more.</p>
      <h2 id="who">Who will use this account?</h2>
      <ul class="choices" aria-labelledby="who">
        <li>
          <a class="choice" href="/sign-up/patient"
            >${icon('profile')}<span
              ><strong>Patient</strong>
              <span>I am a patient of the practice, 13 or older, and this account is for me.</span></span
            ></a
          >
        </li>
        <li>
          <a class="choice" href="/sign-up/family-member"
            >${icon('family-access')}<span
              ><strong>Patient's family member</strong>
              <span>I help care for a patient (a parent, an adult child, a guardian) and want access to their record.</span></span
            ></a
          >
        </li>
      </ul>
      <p>Already have an account? <a href="/sign-in">Sign in</a></p>`;
  }
}

customElements.define('sign-up-page', SignUpPage);
