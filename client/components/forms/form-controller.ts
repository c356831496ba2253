// The state every form keeps (sending, the problem of each field, one alert sentence) and the one way
// a form is sent, as a Lit ReactiveController: a page holds one and renders from it.
//
// `submit(run)` ignores a press while a send is under way, clears the last problems, awaits `run`
// and shows what it came to. `run` does the page's own work and returns one of:
//   - nothing: done (the page navigated, or changed its own state);
//   - a report `{ problems?, alert? }`: what the page decided to tell the user;
//   - an ApiOutcome that is not ok: its problem+json `errors` land on their fields (by path,
//     "body." dropped), else the alert says what happened (failureText: offline, too many tries,
//     server trouble), in the words of the form's `action` ("Signing in").
// A throw from `run` becomes `unexpected`, a sentence the user can act on. After any problem the
// host renders, then focus moves to the first invalid field ([aria-invalid="true"]) or, without one,
// to the alert (`.alert`, which carries tabindex="-1"), so a screen reader says what went wrong.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ApiOutcome } from '../../data/api-request';
import { failureText, fieldErrors } from './form-feedback';

/** What a page tells the user after a send or a check: problems by field, and/or one alert. */
export interface FormReport<F extends string, A> {
  problems?: Partial<Record<F, string>>;
  alert?: A | null;
}

type Refusal = Exclude<ApiOutcome<unknown>, { kind: 'ok' }>;
export type RunResult<F extends string, A> = FormReport<F, A> | ApiOutcome<unknown> | undefined;

export interface FormOptions<A> {
  /** What the form does, for sentences such as "You're offline. Signing in needs a connection." */
  action: string;
  /** Turns a sentence into the form's alert, when its alerts are more than a sentence. */
  alert?: (sentence: string) => A;
  /** Said when `run` throws (a device failure rather than an answer from the portal). */
  unexpected?: string;
}

type Host = ReactiveControllerHost & { readonly renderRoot: ParentNode };

export const UNEXPECTED_TEXT = 'Something went wrong on this device. Please try again.';

/** After render: focus the first invalid field, else the alert box, else nothing. */
export function focusFirstProblem(root: ParentNode): void {
  const target =
    root.querySelector<HTMLElement>('[aria-invalid="true"]') ?? root.querySelector<HTMLElement>('.alert');
  target?.focus();
}

const isOutcome = (result: object): result is ApiOutcome<unknown> => 'kind' in result;

export class FormController<F extends string = string, A = string> implements ReactiveController {
  /** True from the press until the answer is shown: buttons say "Sending…" and are disabled. */
  busy = false;
  problems: Partial<Record<F, string>> = {};
  alert: A | null = null;
  readonly #host: Host;
  readonly #options: FormOptions<A>;

  constructor(host: Host, options: FormOptions<A>) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Nothing to subscribe to: every change comes from the form itself, through `submit` and `show`. */
  hostConnected(): void {}

  /** The problem shown on one field, for `error:` in a field template. */
  problem(field: F): string | undefined {
    return this.problems[field];
  }

  /** Whether anything is shown: a field's problem (an empty one counts as none) or the alert. */
  get hasProblems(): boolean {
    return Object.values(this.problems).some((message) => Boolean(message)) || this.alert !== null;
  }

  /** Forgets every problem shown (a new step, say); no focus moves. */
  clear(): void {
    this.problems = {};
    this.alert = null;
    this.#host.requestUpdate();
  }

  /** Shows a report and, when it holds a problem, moves focus to it after render. */
  async show(report: FormReport<F, A>): Promise<void> {
    this.problems = report.problems ?? {};
    this.alert = report.alert ?? null;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    if (this.hasProblems) focusFirstProblem(this.#host.renderRoot);
  }

  /** What a refused outcome tells the user: its field errors, else a sentence. */
  explain(outcome: Refusal): FormReport<F, A> {
    if (outcome.kind === 'problem') {
      const problems = fieldErrors(outcome.problem) as Partial<Record<F, string>>;
      if (Object.keys(problems).length > 0) return { problems };
    }
    return { alert: this.failure(outcome) };
  }

  /** A refused outcome as one sentence, whatever its field errors (offline, too many tries…). */
  failure(outcome: Refusal, action: string = this.#options.action): A {
    return this.sentence(failureText(outcome, action));
  }

  /** A sentence as this form's alert. */
  sentence(text: string): A {
    return this.#options.alert ? this.#options.alert(text) : (text as A);
  }

  /** Sends once: a press while busy does nothing. Resolves once the outcome is shown. */
  async submit(run: () => Promise<RunResult<F, A>>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.problems = {};
    this.alert = null;
    this.#host.requestUpdate();
    let result: RunResult<F, A>;
    try {
      result = await run();
    } catch {
      result = { alert: this.sentence(this.#options.unexpected ?? UNEXPECTED_TEXT) };
    } finally {
      this.busy = false;
      this.#host.requestUpdate();
    }
    if (!result || (isOutcome(result) && result.kind === 'ok')) return;
    await this.show(isOutcome(result) ? this.explain(result) : result);
  }
}
