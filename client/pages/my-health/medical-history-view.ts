// <medical-history-view>: the Medical History tab. Problems, medications (current, past and given
// at the practice) and allergies (current and past), immunizations with "Show vaccine details",
// procedures, devices and implants, the latest vital sign of each kind with its history, smoking
// status, questionnaire scores with what they mean and their history, care plans with their goals
// and activities (active first), and the care team. Renders the FHIR R4 resources it is given; dates as core/clinical-dates.ts reads them.
// "Print vaccination record" makes the immunizations into a PDF on the device from those same
// resources (so offline too); the PDF maker (jspdf, in ./vaccination-pdf) is loaded only when the
// button is pressed.
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { formatClinicalDate, formatClinicalPeriod } from '../../../core/clinical-dates';
import {
  codeIn,
  dosageText,
  noteTexts,
  numberText,
  observationValueText,
  patientText,
  quantityText,
  referenceText,
  resultFlag,
  SYSTEM,
  statusCode,
  statusText,
} from '../../../core/fhir/text';
import type {
  AllergyIntolerance,
  AnyResource,
  CarePlan,
  CareTeam,
  CodeableConcept,
  Condition,
  Device,
  Goal,
  Immunization,
  MedicationAdministration,
  Observation,
  Procedure,
  Reference,
} from '../../../core/fhir/types';
import type { PracticeInfo } from '../../../core/practice';
import { formStyles } from '../../components/forms/form-styles';
import { pageStyles } from '../../components/page-styles';
import { saveFile } from '../../components/save-file';
import { readCachedPractice } from '../../data/practice-store';
import {
  administrationDate,
  type CarePlans,
  carePlans,
  careTeams,
  deviceName,
  devices,
  givenMedications,
  goalDate,
  isActiveGoal,
  isActivePlan,
  otherSocialHistory,
  type PlanEntry,
  planDate,
  type ScoreGroup,
  scoreGroups,
  scoreMeaning,
  scoreNumber,
  smokingHistory,
  teamMembers,
} from './care-sections';
import './health-trend';
import { type RecordIndex, recordIndex } from '../../../core/fhir/record-index';
import {
  allergies,
  conditionAbatement,
  immunizationDate,
  immunizations,
  isCurrentProblem,
  type MedicationEntry,
  medicationName,
  medications,
  observationDate,
  problems,
  procedureDate,
  procedures,
  type Split,
  type VitalGroup,
  vitalSigns,
} from './history-sections';
import { myHealthStyles } from './my-health-styles';
import { bloodPressureTrend, observationTrend, type TrendData } from './trend-data';
import { badge, comments, count, detail, facts, flagBadge, ICONS, reveal } from './view-parts';

/** Past lists longer than this show their newest entries and a "Show all" button. */
const SHORT_LIST = 10;

/** Offline, and the PDF maker's code was never stored by the service worker. */
const PDF_MAKER_NOT_SAVED =
  'The PDF maker has not been saved on this device yet; connect once and try again.';
/** Online, yet the code did not load (a dropped connection, or a newer version of the app). */
const PDF_MAKER_NOT_LOADED =
  'The PDF maker could not be loaded. Check your connection, or close and reopen the app, and try again.';
const VACCINATION_PDF_NOT_MADE =
  'The vaccination record could not be made on this device. Try again, or ask the practice for a copy.';

interface Model {
  index: RecordIndex;
  problems: Split<Condition>;
  medications: Split<MedicationEntry>;
  allergies: Split<AllergyIntolerance>;
  immunizations: Immunization[];
  procedures: Procedure[];
  vitals: VitalGroup[];
  given: MedicationAdministration[];
  devices: Device[];
  smoking: Observation[];
  social: Observation[];
  scores: ScoreGroup[];
  plans: CarePlans;
  teams: { current: CareTeam[]; past: CareTeam[] };
  gender: string | undefined;
}

const CATEGORY_WORDS: Record<string, string> = {
  food: 'Food',
  medication: 'Medicine',
  environment: 'Environmental',
  biologic: 'Biologic',
};

const CRITICALITY_WORDS: Record<string, string> = {
  high: 'High',
  low: 'Low',
  'unable-to-assess': 'Not assessed',
};

const VERIFICATION_BADGE: Record<string, string> = {
  unconfirmed: 'Not confirmed',
  provisional: 'Not confirmed',
  differential: 'Possible',
  refuted: 'Ruled out',
};

const capitalize = (text: string) => (text ? text.charAt(0).toUpperCase() + text.slice(1) : text);

function reasons(
  codes: readonly CodeableConcept[] | undefined,
  refs: readonly Reference[] | undefined,
  index: RecordIndex,
) {
  return [
    ...(codes ?? []).map((c) => patientText(c)),
    ...(refs ?? []).map((r) => {
      const target = index.resolve(r) as { code?: CodeableConcept } | undefined;
      return target?.code ? patientText(target.code) : referenceText(r, index);
    }),
  ]
    .filter(Boolean)
    .join(', ');
}

export class MedicalHistoryView extends LitElement {
  static override styles = [
    ...pageStyles,
    formStyles,
    myHealthStyles,
    css`
      nav.jump ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin: 0 0 1.5rem;
        padding: 0;
        list-style: none;
      }
      nav.jump li {
        margin: 0;
      }
      nav.jump a {
        display: inline-flex;
        align-items: center;
        gap: 0.25rem;
        min-height: var(--tap);
        padding: 0 0.875rem;
        border: 1px solid var(--border);
        border-radius: 999px;
        background: var(--surface);
        font-weight: 600;
        text-decoration: none;
      }
      nav.jump a:hover {
        border-color: var(--accent);
        background: var(--accent-soft);
      }
      .title-line {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0.25rem 0.5rem;
      }
      ul.vitals {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 0.75rem;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      @media (min-width: 520px) {
        ul.vitals {
          grid-template-columns: repeat(2, minmax(0, 1fr));
        }
      }
      @media (min-width: 900px) {
        ul.vitals {
          grid-template-columns: repeat(3, minmax(0, 1fr));
        }
      }
      ul.vitals > li {
        max-width: none;
        margin: 0;
        padding: 0.875rem 1rem;
        border: 1px solid var(--border);
        border-radius: var(--radius);
        background: var(--surface);
      }
      ul.vitals > li.expanded {
        grid-column: 1 / -1;
      }
      .vital-name {
        margin: 0;
        color: var(--muted);
        font-size: 0.9375rem;
      }
      .vital-value {
        margin: 0.125rem 0 0;
        font-size: 1.375rem;
        font-weight: 700;
        line-height: 1.3;
      }
      .history {
        margin-top: 0.75rem;
      }
      .more {
        margin: 0.5rem 0 0;
      }
      .meaning {
        margin: 0.125rem 0 0;
        font-weight: 600;
      }
      h4.sub,
      h4.plan-name {
        margin: 0.75rem 0 0.25rem;
        font-size: 1rem;
      }
      h4.plan-name {
        margin: 0;
        font-size: 1.0625rem;
      }
      ul.plain {
        margin: 0.25rem 0 0.5rem;
        padding-left: 1.25rem;
      }
      ul.plain > li {
        margin: 0.25rem 0;
      }
      .section-head {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem 1rem;
        margin: 0 0 0.75rem;
        padding-bottom: 0.375rem;
        border-bottom: 2px solid var(--border);
      }
      .section-head > h2 {
        margin: 0;
      }
      .section-head > .button {
        max-width: 100%;
        text-align: center;
      }
      .vaccination-pdf-status {
        margin: 0 0 0.75rem;
      }
      .vaccination-pdf-status:empty {
        margin: 0;
      }
      .vaccination-pdf-alert {
        margin: 0 0 0.75rem;
      }
    `,
  ];

  static override properties = {
    resources: { attribute: false },
    expanded: { state: true },
    showAll: { state: true },
    openVital: { state: true },
    openScore: { state: true },
    vitalsLoading: { type: Boolean, attribute: 'vitals-loading' },
    practice: { attribute: false },
    preparingPdf: { state: true },
    pdfReady: { state: true },
    pdfError: { state: true },
  };

  /** Loads the vaccination PDF maker, with jspdf, as its own chunk; a test can stand in a load that fails. */
  static loadPdfMaker = (): Promise<typeof import('./vaccination-pdf')> => import('./vaccination-pdf');

  /** FHIR R4 resources of one patient, in any order (other types are ignored). */
  declare resources: readonly AnyResource[];
  declare expanded: ReadonlySet<string>;
  declare showAll: ReadonlySet<string>;
  declare openVital: string | null;
  declare openScore: string | null;
  /** The page is still reading the Observations: say so instead of "No vital signs on record". */
  declare vitalsLoading: boolean;
  /** The practice, for the vaccination record's header; when not given, the copy cached on the device. */
  declare practice: PracticeInfo | null;
  /** While the vaccination record PDF is being made. */
  declare preparingPdf: boolean;
  /** Said once the PDF has been handed to the browser as a download. */
  declare pdfReady: string | null;
  declare pdfError: string | null;

  private model: Model | null = null;
  private trends = new Map<string, TrendData>();

  constructor() {
    super();
    this.resources = [];
    this.expanded = new Set();
    this.showAll = new Set();
    this.openVital = null;
    this.openScore = null;
    this.vitalsLoading = false;
    this.practice = null;
    this.preparingPdf = false;
    this.pdfReady = null;
    this.pdfError = null;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('resources') || !this.model) {
      const index = recordIndex(this.resources ?? []);
      this.model = {
        index,
        problems: problems(index),
        medications: medications(index),
        allergies: allergies(index),
        immunizations: immunizations(index),
        procedures: procedures(index),
        vitals: vitalSigns(index),
        given: givenMedications(index),
        devices: devices(index),
        smoking: smokingHistory(index),
        social: otherSocialHistory(index),
        scores: scoreGroups(index),
        plans: carePlans(index),
        teams: careTeams(index),
        gender: index.all('Patient')[0]?.gender,
      };
      this.trends.clear();
    }
  }

  private date(value: string | undefined): string {
    return formatClinicalDate(value);
  }

  private toggle(set: 'expanded' | 'showAll', key: string): void {
    const next = new Set(this[set]);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    this[set] = next;
  }

  private jump(event: Event, id: string): void {
    event.preventDefault();
    const heading = this.renderRoot.querySelector<HTMLElement>(`#${id}`);
    if (!heading) return;
    reveal(heading);
    heading.focus({ preventScroll: true });
  }

  /** The newest SHORT_LIST entries, or all of them once asked, with the button that switches. */
  private limited<T>(
    key: string,
    items: readonly T[],
    noun: string,
    render: (item: T, i: number) => TemplateResult,
  ) {
    const all = this.showAll.has(key) || items.length <= SHORT_LIST;
    const shown = all ? items : items.slice(0, SHORT_LIST);
    return html`<ul class="items" id=${`${key}-list`}>
        ${shown.map(render)}
      </ul>
      ${
        items.length > SHORT_LIST
          ? html`<p class="more">
            <button
              class="disclosure"
              type="button"
              aria-expanded=${all ? 'true' : 'false'}
              aria-controls=${`${key}-list`}
              @click=${() => this.toggle('showAll', key)}
            >
              ${all ? `Show only the newest ${SHORT_LIST}` : `Show all ${items.length} ${noun}`} ${ICONS.chevron}
            </button>
          </p>`
          : nothing
      }`;
  }

  private section(id: string, title: string, n: number, body: TemplateResult | TemplateResult[]) {
    return html`<section class="block" aria-labelledby=${id}>
      <h2 id=${id} tabindex="-1">${title}${count(n)}</h2>
      ${body}
    </section>`;
  }

  private split<T>(
    key: string,
    split: Split<T>,
    words: { none: string; noneCurrent: string; nonePast: string; pastNoun: string },
    render: (item: T, i: number) => TemplateResult,
  ) {
    if (split.current.length + split.past.length === 0) return html`<p class="empty">${words.none}</p>`;
    return html`<h3 class="group">Current${count(split.current.length)}</h3>
      ${
        split.current.length
          ? html`<ul class="items">
            ${split.current.map(render)}
          </ul>`
          : html`<p class="empty">${words.noneCurrent}</p>`
      }
      <h3 class="group">Past${count(split.past.length)}</h3>
      ${split.past.length ? this.limited(`${key}-past`, split.past, words.pastNoun, render) : html`<p class="empty">${words.nonePast}</p>`}`;
  }

  // -------------------------------------------------------------------------------------------

  private problem = (c: Condition): TemplateResult => {
    const current = isCurrentProblem(c);
    const onset = c.onsetDateTime ?? c.onsetPeriod?.start;
    const started = onset
      ? `Started ${this.date(onset)}`
      : c.onsetString
        ? `Started ${c.onsetString}`
        : c.onsetAge?.value !== undefined
          ? `Started at age ${numberText(c.onsetAge.value)}`
          : c.recordedDate
            ? `Recorded ${this.date(c.recordedDate)}`
            : '';
    const abatement = conditionAbatement(c);
    const ended = abatement
      ? `Resolved ${this.date(abatement)}`
      : c.abatementString
        ? `Resolved ${c.abatementString}`
        : c.abatementAge?.value !== undefined
          ? `Resolved at age ${numberText(c.abatementAge.value)}`
          : '';
    const verification = VERIFICATION_BADGE[statusCode(c.verificationStatus) ?? ''] ?? '';
    return html`<li>
      <span class="title-line">
        <span class="name">${patientText(c.code, 'Problem (name not recorded)')}</span>
        <span class="badges">
          ${badge(statusText(statusCode(c.clinicalStatus)) || (current ? 'Active' : 'Resolved'), current ? 'current' : '')}
          ${badge(verification, 'warn')} ${c.severity ? badge(patientText(c.severity)) : nothing}
        </span>
      </span>
      <span class="meta">${[started, ended].filter(Boolean).join(' · ')}</span>
      ${comments(noteTexts(c.note))}
    </li>`;
  };

  private medication = (m: MedicationEntry): TemplateResult => {
    const index = this.model!.index;
    const dosages = m.resourceType === 'MedicationRequest' ? (m.dosageInstruction ?? []) : (m.dosage ?? []);
    const instructions = dosages.map(dosageText).filter(Boolean).join(' Then: ');
    const structuredDose = dosages[0]?.text ? quantityText(dosages[0].doseAndRate?.[0]?.doseQuantity) : '';
    const status = m.status ?? '';
    const current = status === 'active' || status === 'on-hold';
    let dates: string;
    let who: [string, string];
    let reason: string;
    if (m.resourceType === 'MedicationRequest') {
      const until = m.dispenseRequest?.validityPeriod?.end;
      dates = [
        m.authoredOn ? `Prescribed ${this.date(m.authoredOn)}` : '',
        until ? `Until ${this.date(until)}` : '',
      ]
        .filter(Boolean)
        .join(' · ');
      who = ['Prescribed by', referenceText(m.requester, index)];
      reason = reasons(m.reasonCode, m.reasonReference, index);
    } else {
      dates = m.effectivePeriod
        ? formatClinicalPeriod(m.effectivePeriod)
        : m.effectiveDateTime
          ? `As of ${this.date(m.effectiveDateTime)}`
          : '';
      who = ['Reported by', referenceText(m.informationSource, index)];
      reason = reasons(m.reasonCode, m.reasonReference, index);
    }
    return html`<li>
      <span class="title-line">
        <span class="name">${medicationName(m, index)}</span>
        <span class="badges">${status === 'active' ? nothing : badge(statusText(status), current ? 'warn' : '')}</span>
      </span>
      ${detail('Dose', structuredDose)} ${detail('Instructions', instructions)} ${detail(who[0], who[1])}
      ${detail('For', reason)}
      <span class="meta">${dates}</span>
      ${comments(noteTexts(m.note))}
    </li>`;
  };

  private allergy = (a: AllergyIntolerance): TemplateResult => {
    const kind = [
      a.category?.map((c) => CATEGORY_WORDS[c] ?? capitalize(c)).join(' and ') ?? '',
      a.type === 'intolerance' ? 'intolerance' : 'allergy',
    ]
      .filter(Boolean)
      .join(' ');
    const onset = a.onsetDateTime ?? a.onsetPeriod?.start;
    const when = onset
      ? `Since ${this.date(onset)}`
      : a.recordedDate
        ? `Recorded ${this.date(a.recordedDate)}`
        : '';
    const reactions = (a.reaction ?? [])
      .map((r) => {
        const what = [...(r.manifestation ?? []).map((m) => patientText(m)), r.description ?? '']
          .filter(Boolean)
          .join(' and ');
        return what && r.severity ? `${what} (${r.severity})` : what;
      })
      .filter(Boolean)
      .join('; ');
    const verification = VERIFICATION_BADGE[statusCode(a.verificationStatus) ?? ''] ?? '';
    const status = statusCode(a.clinicalStatus);
    return html`<li>
      <span class="title-line">
        <span class="name">${patientText(a.code, 'Allergy (substance not recorded)')}</span>
        <span class="badges">
          ${a.criticality === 'high' ? badge('High risk', 'warn') : nothing} ${badge(verification, 'warn')}
          ${status && status !== 'active' ? badge(statusText(status)) : nothing}
        </span>
      </span>
      <span class="meta">${[capitalize(kind), when].filter(Boolean).join(' · ')}</span>
      ${detail('Reactions', reactions)}
      ${detail('Risk of a severe reaction', a.criticality ? (CRITICALITY_WORDS[a.criticality] ?? a.criticality) : '')}
      ${a.lastOccurrence ? detail('Last reaction', this.date(a.lastOccurrence)) : nothing}
      ${comments(noteTexts(a.note))}
    </li>`;
  };

  private immunization = (i: Immunization, n: number): TemplateResult => {
    const index = this.model!.index;
    const key = `imm-${n}-${i.id ?? ''}`;
    const open = this.expanded.has(key);
    const name = patientText(i.vaccineCode, 'Vaccine (name not recorded)');
    const date = this.date(immunizationDate(i)) || i.occurrenceString || '';
    const notGiven = i.status === 'not-done';
    const protocol = i.protocolApplied?.[0];
    const doseNumber = protocol?.doseNumberPositiveInt ?? protocol?.doseNumberString;
    const seriesDoses = protocol?.seriesDosesPositiveInt ?? protocol?.seriesDosesString;
    const dose =
      doseNumber !== undefined ? `${doseNumber}${seriesDoses !== undefined ? ` of ${seriesDoses}` : ''}` : '';
    const performer = i.performer?.find((p) => hasAdministering(p.function)) ?? i.performer?.[0];
    const notRecorded = 'Not recorded';
    return html`<li>
      <span class="title-line">
        <span class="name">${name}</span>
        <span class="badges">${notGiven ? badge('Not given', 'warn') : nothing}</span>
      </span>
      <span class="meta">${date || 'Date not recorded'}</span>
      <button
        class="disclosure"
        type="button"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls=${key}
        @click=${() => this.toggle('expanded', key)}
      >
        ${open ? 'Hide' : 'Show'} vaccine details<span class="visually-hidden">: ${name}${date ? `, ${date}` : ''}</span>
        ${ICONS.chevron}
      </button>
      <div id=${key} class="vaccine-details" ?hidden=${!open}>
        ${
          open
            ? facts([
                ['Vaccine', name],
                ['CVX code', codeIn(i.vaccineCode, SYSTEM.cvx) || notRecorded],
                [notGiven ? 'Date' : 'Date given', date || notRecorded],
                ['Dose number', dose || notRecorded],
                ['Series', protocol?.series],
                ['Amount', quantityText(i.doseQuantity)],
                ['Manufacturer', referenceText(i.manufacturer, index) || notRecorded],
                ['Lot number', i.lotNumber || notRecorded],
                ['Expiration date', this.date(i.expirationDate)],
                ['Site', capitalize(patientText(i.site)) || notRecorded],
                ['Route', capitalize(patientText(i.route)) || notRecorded],
                ['Given by', referenceText(performer?.actor, index) || notRecorded],
                ['Where', referenceText(i.location, index) || notRecorded],
                ['Why not given', notGiven ? patientText(i.statusReason) : undefined],
                ['Notes', noteTexts(i.note).join(' ')],
              ])
            : nothing
        }
      </div>
    </li>`;
  };

  private immunizationsSection(list: readonly Immunization[]): TemplateResult {
    const status = this.preparingPdf ? 'Preparing your vaccination record…' : (this.pdfReady ?? '');
    return html`<section class="block" aria-labelledby="immunizations">
      <div class="section-head">
        <h2 id="immunizations" tabindex="-1">Immunizations${count(list.length)}</h2>
        ${
          list.length
            ? html`<button
                class="button secondary"
                type="button"
                ?disabled=${this.preparingPdf}
                @click=${this.printVaccinations}
              >
                ${this.preparingPdf ? 'Preparing…' : 'Print vaccination record'}
              </button>`
            : nothing
        }
      </div>
      <p class="vaccination-pdf-status" role="status">${status}</p>
      ${this.pdfError ? html`<div class="alert vaccination-pdf-alert" role="alert"><p>${this.pdfError}</p></div>` : nothing}
      ${
        list.length
          ? html`<ul class="items">
              ${list.map(this.immunization)}
            </ul>`
          : html`<p class="empty">No immunizations on record.</p>`
      }
    </section>`;
  }

  /** Makes the vaccination record PDF on the device and hands it to the browser as a download. */
  private async printVaccinations(event: Event): Promise<void> {
    if (this.preparingPdf) return;
    const button = event.currentTarget as HTMLButtonElement;
    // A disabled button loses focus; it gets it back when the record is done.
    const hadFocus = this.renderRoot instanceof ShadowRoot && this.renderRoot.activeElement === button;
    // The record as shown now, even if a sync replaces it while the PDF is being made.
    const resources = this.resources;
    const practice = this.practice ?? readCachedPractice();
    const timeZone = practice?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    this.preparingPdf = true;
    this.pdfReady = null;
    this.pdfError = null;
    try {
      let maker: typeof import('./vaccination-pdf');
      try {
        maker = await MedicalHistoryView.loadPdfMaker();
      } catch {
        this.pdfError = navigator.onLine ? PDF_MAKER_NOT_LOADED : PDF_MAKER_NOT_SAVED;
        return;
      }
      const madeAt = new Date();
      let blob: Blob;
      try {
        blob = maker.vaccinationPdf({
          practice,
          resources,
          madeAt,
          timeZone,
          paper: maker.paperSize(practice, navigator.language),
        });
      } catch {
        this.pdfError = VACCINATION_PDF_NOT_MADE;
        return;
      }
      const fileName = maker.vaccinationFileName(madeAt, timeZone);
      saveFile(blob, fileName);
      this.pdfReady = `Your vaccination record is ready as ${fileName}. Look for it in your downloads.`;
    } finally {
      this.preparingPdf = false;
      if (hadFocus) {
        await this.updateComplete;
        button.focus();
      }
    }
  }

  private procedure = (p: Procedure): TemplateResult => {
    const index = this.model!.index;
    const date =
      p.performedPeriod?.start &&
      p.performedPeriod.end &&
      p.performedPeriod.start.slice(0, 10) !== p.performedPeriod.end.slice(0, 10)
        ? formatClinicalPeriod(p.performedPeriod)
        : this.date(procedureDate(p)) || p.performedString || '';
    const where = referenceText(p.location, index);
    return html`<li>
      <span class="title-line">
        <span class="name">${patientText(p.code, 'Procedure (name not recorded)')}</span>
        <span class="badges">${p.status && p.status !== 'completed' ? badge(statusText(p.status), 'warn') : nothing}</span>
      </span>
      <span class="meta">${[date, where].filter(Boolean).join(' · ')}</span>
      ${detail('Done by', referenceText(p.performer?.[0]?.actor, index))}
      ${detail('Reason', reasons(p.reasonCode, p.reasonReference, index))}
      ${detail('Where on the body', (p.bodySite ?? []).map((s) => patientText(s)).join(', '))}
      ${detail('Outcome', patientText(p.outcome))} ${comments(noteTexts(p.note))}
    </li>`;
  };

  private trend(group: VitalGroup): TrendData {
    let data = this.trends.get(group.kind.key);
    if (!data) {
      data =
        group.kind.key === 'blood-pressure'
          ? bloodPressureTrend(group.kind.label, group.readings)
          : observationTrend(group.kind.label, group.readings);
      this.trends.set(group.kind.key, data);
    }
    return data;
  }

  private vital = (group: VitalGroup): TemplateResult => {
    const latest: Observation = group.readings[0]!;
    const open = this.openVital === group.kind.key;
    const id = `vital-${group.kind.key}`;
    const n = group.readings.length;
    return html`<li class=${open ? 'expanded' : ''}>
      <h3 class="vital-name">${group.kind.label}</h3>
      <p class="vital-value">${observationValueText(latest)}</p>
      ${flagBadge(resultFlag(latest.interpretation))}
      <p class="meta">
        ${this.date(observationDate(latest)) || 'Date not recorded'}${n > 1 ? ` · ${n} readings` : ''}
      </p>
      <button
        class="disclosure"
        type="button"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls=${id}
        @click=${() => {
          this.openVital = open ? null : group.kind.key;
        }}
      >
        ${open ? 'Hide history' : 'Show history'}<span class="visually-hidden"> of ${group.kind.label}</span>
        ${ICONS.chevron}
      </button>
      <div id=${id} class="history" ?hidden=${!open}>
        ${open ? html`<health-trend .data=${this.trend(group)}></health-trend>` : nothing}
      </div>
    </li>`;
  };

  private given = (a: MedicationAdministration): TemplateResult => {
    const index = this.model!.index;
    const name = a.medicationCodeableConcept
      ? patientText(a.medicationCodeableConcept, 'Medicine')
      : referenceText(a.medicationReference, index) || 'Medicine (name not recorded)';
    const status = a.status && a.status !== 'completed' ? statusText(a.status) : '';
    return html`<li>
      <span class="title-line">
        <span class="name">${name}</span>
        <span class="badges">${badge(status, 'warn')}</span>
      </span>
      ${detail('Dose', a.dosage?.text || quantityText(a.dosage?.dose))}
      ${detail('How', capitalize(patientText(a.dosage?.route)))}
      ${detail('Given by', referenceText(a.performer?.[0]?.actor, index))}
      ${detail('For', reasons(a.reasonCode, a.reasonReference, index))}
      <span class="meta">${administrationDate(a) ? `Given ${this.date(administrationDate(a))}` : 'Date not recorded'}</span>
      ${comments(noteTexts(a.note))}
    </li>`;
  };

  private device = (d: Device): TemplateResult => {
    const udi = d.udiCarrier?.[0];
    const status = d.status && d.status !== 'active' ? statusText(d.status) : '';
    return html`<li>
      <span class="title-line">
        <span class="name">${deviceName(d)}</span>
        <span class="badges">${badge(status)}</span>
      </span>
      ${facts([
        ['Unique device identifier (UDI)', udi?.carrierHRF],
        ['Device identifier', udi?.deviceIdentifier ?? d.distinctIdentifier],
        ['Made by', d.manufacturer],
        ['Model', d.modelNumber],
        ['Lot number', d.lotNumber],
        ['Serial number', d.serialNumber],
        ['Made on', this.date(d.manufactureDate)],
        ['Use by', this.date(d.expirationDate)],
      ])}
      ${comments(noteTexts(d.note))}
    </li>`;
  };

  private socialReading = (o: Observation): TemplateResult =>
    html`<li>
      <span class="name">${observationValueText(o) || 'Not recorded'}</span>
      <span class="meta">${this.date(observationDate(o)) || 'Date not recorded'}</span>
    </li>`;

  private smokingBody(): TemplateResult {
    const { smoking, social } = this.model!;
    const latest = smoking[0];
    const other = social.map(
      (o) => html`<li>
        <span class="name">${patientText(o.code, 'Social history')}</span>
        ${detail('Answer', observationValueText(o))}
        <span class="meta">${this.date(observationDate(o)) || 'Date not recorded'}</span>
      </li>`,
    );
    return html`${
      latest
        ? html`<h3 class="group">Smoking status</h3>
            <p class="vital-value">${observationValueText(latest) || 'Not recorded'}</p>
            <p class="meta">As of ${this.date(observationDate(latest)) || 'an unknown date'}</p>
            ${
              smoking.length > 1
                ? html`<h4 class="sub">Earlier answers${count(smoking.length - 1)}</h4>
                    ${this.limited('smoking', smoking.slice(1), 'earlier answers', this.socialReading)}`
                : nothing
            }`
        : html`<p class="empty">No smoking status on record.</p>`
    }
    ${
      other.length
        ? html`<h3 class="group">Other social history${count(other.length)}</h3>
            <ul class="items">
              ${other}
            </ul>`
        : nothing
    }`;
  }

  private score = (group: ScoreGroup): TemplateResult => {
    const latest = group.readings[0]!;
    const numeric = group.readings.some((o) => scoreNumber(o) !== undefined);
    const open = this.openScore === group.key;
    const id = `score-${group.key.replace(/[^A-Za-z0-9-]/g, '-')}`;
    const n = group.readings.length;
    const value = scoreNumber(latest);
    const meaning = scoreMeaning(latest, this.model!.gender);
    return html`<li class=${open ? 'expanded' : ''}>
      <h3 class="vital-name">${group.label}</h3>
      ${
        value !== undefined
          ? html`<p class="vital-value">${numberText(value)} ${value === 1 ? 'point' : 'points'}</p>`
          : html`<p class="vital-value">${observationValueText(latest) || 'Answered'}</p>`
      }
      ${meaning ? html`<p class="meaning">${meaning}</p>` : nothing}
      <p class="meta">
        ${this.date(observationDate(latest)) || 'Date not recorded'}${n > 1 ? ` · ${n} answers` : ''}
      </p>
      ${
        numeric && n > 1
          ? html`<button
                class="disclosure"
                type="button"
                aria-expanded=${open ? 'true' : 'false'}
                aria-controls=${id}
                @click=${() => {
                  this.openScore = open ? null : group.key;
                }}
              >
                ${open ? 'Hide history' : 'Show history'}<span class="visually-hidden"> of ${group.label}</span>
                ${ICONS.chevron}
              </button>
              <div id=${id} class="history" ?hidden=${!open}>
                ${open ? this.scoreHistory(group) : nothing}
              </div>`
          : nothing
      }
    </li>`;
  };

  private scoreHistory(group: ScoreGroup): TemplateResult {
    let data = this.trends.get(`score:${group.key}`);
    if (!data) {
      data = observationTrend(group.label, group.readings);
      this.trends.set(`score:${group.key}`, data);
    }
    const gender = this.model!.gender;
    return html`<health-trend .data=${data}></health-trend>
      <h4 class="sub">What each score meant</h4>
      <ul class="plain">
        ${group.readings.map((o) => {
          const v = scoreNumber(o);
          const words = scoreMeaning(o, gender);
          return html`<li>
            ${this.date(observationDate(o)) || 'Date not recorded'}: ${v === undefined ? observationValueText(o) : numberText(v)}${words ? ` (${words})` : ''}
          </li>`;
        })}
      </ul>`;
  }

  private goal = (g: Goal): TemplateResult => {
    const target = g.target?.[0];
    const targetText =
      target?.detailString ?? (target?.detailQuantity ? quantityText(target.detailQuantity) : '') ?? '';
    const achievement = patientText(g.achievementStatus);
    return html`<li>
      <span class="title-line">
        <span class="name">${patientText(g.description, 'Goal (not described)')}</span>
        <span class="badges">${badge(statusText(g.lifecycleStatus), isActiveGoal(g) ? 'current' : '')}</span>
      </span>
      ${detail('Target', [patientText(target?.measure), targetText].filter(Boolean).join(': '))}
      ${detail('Progress', achievement)} ${target?.dueDate ? detail('By', this.date(target.dueDate)) : nothing}
      <span class="meta">${goalDate(g) ? `Set ${this.date(goalDate(g))}` : ''}</span>
      ${comments(noteTexts(g.note))}
    </li>`;
  };

  private plan = (entry: PlanEntry): TemplateResult => {
    const index = this.model!.index;
    const p: CarePlan = entry.plan;
    const category = (p.category ?? []).find((c) => !(c.coding ?? []).some((x) => x.code === 'assess-plan'));
    const title = p.title?.trim() || patientText(category, 'Care plan');
    const active = isActivePlan(p);
    const when = p.period?.start
      ? p.period.end
        ? formatClinicalPeriod(p.period)
        : `Since ${this.date(p.period.start)}`
      : planDate(p)
        ? `Created ${this.date(planDate(p))}`
        : '';
    const activities = (p.activity ?? []).map((a) => {
      const name =
        patientText(a.detail?.code) ||
        a.detail?.description ||
        referenceText(a.reference, index) ||
        'Activity';
      const status = a.detail?.status;
      return html`<li>
        <span class="name">${name}</span>
        <span class="badges">${badge(statusText(status), status === 'in-progress' ? 'current' : '')}</span>
        ${detail('Where', referenceText(a.detail?.location, index))}
      </li>`;
    });
    const team = entry.teams.flatMap((t) => teamMembers(t, index)).map((m) => m.name);
    return html`<li>
      <div class="title-line">
        <h4 class="plan-name">${title}</h4>
        <span class="badges">${badge(statusText(p.status), active ? 'current' : '')}</span>
      </div>
      <span class="meta">${when}</span>
      ${p.description ? html`<p>${p.description}</p>` : nothing}
      ${detail('For', reasons([], p.addresses, index))}
      ${
        activities.length
          ? html`<p class="detail-label">Activities</p>
              <ul class="plain">
                ${activities}
              </ul>`
          : nothing
      }
      ${
        entry.goals.length
          ? html`<p class="detail-label">Goals</p>
              <ul class="plain">
                ${entry.goals.map(this.goal)}
              </ul>`
          : nothing
      }
      ${detail('Care team', [...new Set(team)].join(', '))} ${comments(noteTexts(p.note))}
    </li>`;
  };

  private plansBody(): TemplateResult {
    const { active, past, otherGoals } = this.model!.plans;
    if (active.length + past.length + otherGoals.length === 0)
      return html`<p class="empty">No care plans or goals on record.</p>`;
    return html`<h3 class="group">Active care plans${count(active.length)}</h3>
      ${
        active.length
          ? html`<ul class="items">
            ${active.map(this.plan)}
          </ul>`
          : html`<p class="empty">No active care plans.</p>`
      }
      ${
        past.length
          ? html`<h3 class="group">Past care plans${count(past.length)}</h3>
              ${this.limited('plans-past', past, 'past care plans', this.plan)}`
          : nothing
      }
      ${
        otherGoals.length
          ? html`<h3 class="group">Goals${count(otherGoals.length)}</h3>
              <ul class="items">
                ${otherGoals.map(this.goal)}
              </ul>`
          : nothing
      }`;
  }

  private team = (t: CareTeam): TemplateResult => {
    const index = this.model!.index;
    const members = teamMembers(t, index);
    const when = t.period?.start
      ? t.period.end
        ? formatClinicalPeriod(t.period)
        : `Since ${this.date(t.period.start)}`
      : '';
    return html`<li>
      <div class="title-line">
        <h4 class="plan-name">${t.name?.trim() || patientText(t.category?.[0]) || 'Care team'}</h4>
        <span class="badges">${t.status && t.status !== 'active' ? badge(statusText(t.status)) : nothing}</span>
      </div>
      <span class="meta">${when}</span>
      ${
        members.length
          ? html`<ul class="plain">
            ${members.map((m) => html`<li><span class="name">${m.name}</span>${m.role ? html` <span class="meta">${m.role}</span>` : nothing}</li>`)}
          </ul>`
          : html`<p class="empty">No members recorded.</p>`
      }
      ${detail('For', (t.reasonCode ?? []).map((c) => patientText(c)).join(', '))}
    </li>`;
  };

  private teamsBody(): TemplateResult {
    const { current, past } = this.model!.teams;
    if (current.length + past.length === 0) return html`<p class="empty">No care team on record.</p>`;
    return html`<h3 class="group">Current${count(current.length)}</h3>
      ${
        current.length
          ? html`<ul class="items">
            ${current.map(this.team)}
          </ul>`
          : html`<p class="empty">No current care team.</p>`
      }
      ${
        past.length
          ? html`<h3 class="group">Past${count(past.length)}</h3>
              ${this.limited('teams-past', past, 'past care teams', this.team)}`
          : nothing
      }`;
  }

  override render() {
    const m = this.model!;
    const total = (s: Split<unknown>) => s.current.length + s.past.length;
    const sections: [string, string, number][] = [
      ['problems', 'Problems', total(m.problems)],
      ['medications', 'Medications', total(m.medications)],
      ['allergies', 'Allergies', total(m.allergies)],
      ['immunizations', 'Immunizations', m.immunizations.length],
      ['procedures', 'Procedures', m.procedures.length],
      ['devices', 'Devices and implants', m.devices.length],
      ['vitals', 'Vital signs', m.vitals.length],
      ['smoking', 'Smoking and social history', m.smoking.length + m.social.length],
      ['scores', 'Questionnaire scores', m.scores.length],
      [
        'care-plans',
        'Care plans and goals',
        m.plans.active.length + m.plans.past.length + m.plans.otherGoals.length,
      ],
      ['care-team', 'Care team', total(m.teams)],
    ];
    return html`<nav class="jump" aria-label="Medical history sections">
        <ul>
          ${sections.map(
            ([id, title, n]) =>
              html`<li><a href=${`#${id}`} @click=${(e: Event) => this.jump(e, id)}>${title}${count(n)}</a></li>`,
          )}
        </ul>
      </nav>
      ${this.section(
        'problems',
        'Problems',
        total(m.problems),
        this.split(
          'problems',
          m.problems,
          {
            none: 'No problems on record.',
            noneCurrent: 'No current problems.',
            nonePast: 'No past problems.',
            pastNoun: 'past problems',
          },
          this.problem,
        ),
      )}
      ${this.section(
        'medications',
        'Medications',
        total(m.medications) + m.given.length,
        html`${this.split(
          'medications',
          m.medications,
          {
            none: m.given.length ? 'No prescriptions on record.' : 'No medications on record.',
            noneCurrent: 'No current medications.',
            nonePast: 'No past medications.',
            pastNoun: 'past medications',
          },
          this.medication,
        )}
        ${
          m.given.length
            ? html`<h3 class="group">Given at a visit${count(m.given.length)}</h3>
                ${this.limited('given', m.given, 'medicines given', this.given)}`
            : nothing
        }`,
      )}
      ${this.section(
        'allergies',
        'Allergies',
        total(m.allergies),
        this.split(
          'allergies',
          m.allergies,
          {
            none: 'No allergies on record.',
            noneCurrent: 'No current allergies.',
            nonePast: 'No past allergies.',
            pastNoun: 'past allergies',
          },
          this.allergy,
        ),
      )}
      ${this.immunizationsSection(m.immunizations)}
      ${this.section(
        'procedures',
        'Procedures',
        m.procedures.length,
        m.procedures.length
          ? this.limited('procedures', m.procedures, 'procedures', this.procedure)
          : html`<p class="empty">No procedures on record.</p>`,
      )}
      ${this.section(
        'devices',
        'Devices and implants',
        m.devices.length,
        m.devices.length
          ? html`<ul class="items">
              ${m.devices.map(this.device)}
            </ul>`
          : html`<p class="empty">No devices or implants on record.</p>`,
      )}
      ${this.section(
        'vitals',
        'Vital signs',
        m.vitals.length,
        m.vitals.length
          ? html`<p class="meta">The latest reading of each kind. Open one to see its history.</p>
              <ul class="vitals">
                ${m.vitals.map(this.vital)}
              </ul>`
          : this.vitalsLoading
            ? html`<p class="empty" role="status">Loading vital signs…</p>`
            : html`<p class="empty">No vital signs on record.</p>`,
      )}
      ${this.section(
        'smoking',
        'Smoking and social history',
        m.smoking.length + m.social.length,
        this.vitalsLoading && m.smoking.length === 0
          ? html`<p class="empty" role="status">Loading social history…</p>`
          : this.smokingBody(),
      )}
      ${this.section(
        'scores',
        'Questionnaire scores',
        m.scores.length,
        m.scores.length
          ? html`<p class="meta">
                The latest score of each questionnaire and what it means. Open one to see its history. A
                score is a starting point for a talk with your provider, not a diagnosis.
              </p>
              <ul class="vitals">
                ${m.scores.map(this.score)}
              </ul>`
          : this.vitalsLoading
            ? html`<p class="empty" role="status">Loading questionnaire scores…</p>`
            : html`<p class="empty">No questionnaire scores on record.</p>`,
      )}
      ${this.section(
        'care-plans',
        'Care plans and goals',
        m.plans.active.length + m.plans.past.length + m.plans.otherGoals.length,
        this.plansBody(),
      )}
      ${this.section('care-team', 'Care team', total(m.teams), this.teamsBody())}`;
  }
}

function hasAdministering(concept: CodeableConcept | undefined): boolean {
  return (concept?.coding ?? []).some((c) => c.code === 'AP');
}

customElements.define('medical-history-view', MedicalHistoryView);

declare global {
  interface HTMLElementTagNameMap {
    'medical-history-view': MedicalHistoryView;
  }
}
