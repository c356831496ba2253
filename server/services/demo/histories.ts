// The demo patients' histories: what happened to each person, visit by visit, dated back from the
// seed date. Values come from the seeded generator, so every run tells the same story.

import type { Chart, Visit } from './chart';
import {
  ALLERGEN,
  type Analyte,
  CONDITION,
  DOCUMENT_TYPE,
  ENCOUNTER_TYPE,
  LAB,
  MEDICATION,
  PANEL,
  PROCEDURE,
  REACTION,
  VACCINE,
  VITAL,
} from './codes';
import type { DemoPractitioner } from './directory';
import { addDays, isoDateTime } from './fhir';

export interface HistoryContext {
  today: Date;
  /** Practitioners by id suffix ('okonkwo', 'haddad', ...). */
  clinician(name: string): DemoPractitioner;
}

const daysAgo = (ctx: HistoryContext, days: number) => addDays(ctx.today, -days);

/** Vitals taken at a visit (adult): blood pressure, pulse, temperature, weight, height and BMI. */
function adultVitals(
  chart: Chart,
  visit: Visit,
  base: { systolic: number; diastolic: number; weight: number; height: number },
): void {
  const r = chart.random;
  const at = isoDateTime(visit.date, 9, 5);
  chart.bloodPressure(r.around(base.systolic, 6), r.around(base.diastolic, 4), at, visit.id);
  chart.observation(VITAL.heartRate, r.around(72, 8), at, 'vital-signs', visit.id);
  chart.observation(VITAL.respiratoryRate, r.around(15, 2), at, 'vital-signs', visit.id);
  chart.observation(VITAL.temperature, r.around(36.8, 0.3), at, 'vital-signs', visit.id);
  chart.observation(VITAL.oxygenSaturation, r.around(97.5, 1.5), at, 'vital-signs', visit.id);
  const weight = r.around(base.weight, 1.5);
  chart.observation(VITAL.weight, weight, at, 'vital-signs', visit.id);
  chart.observation(VITAL.height, base.height, at, 'vital-signs', visit.id);
  chart.observation(VITAL.bmi, weight / (base.height / 100) ** 2, at, 'vital-signs', visit.id);
}

function childVitals(chart: Chart, visit: Visit, heightCm: number, weightKg: number): void {
  const r = chart.random;
  const at = isoDateTime(visit.date, 10, 5);
  chart.observation(VITAL.height, heightCm, at, 'vital-signs', visit.id);
  chart.observation(VITAL.weight, weightKg, at, 'vital-signs', visit.id);
  chart.observation(VITAL.heartRate, r.around(88, 8), at, 'vital-signs', visit.id);
  chart.observation(VITAL.temperature, r.around(36.8, 0.3), at, 'vital-signs', visit.id);
}

function metabolicPanel(chart: Chart, visit: Visit, glucose: number, creatinine = 0.9): void {
  const r = chart.random;
  const values: [Analyte, number][] = [
    [LAB.glucose, glucose],
    [LAB.ureaNitrogen, r.around(15, 4)],
    [LAB.creatinine, r.around(creatinine, 0.1)],
    [LAB.calcium, r.around(9.4, 0.4)],
    [LAB.sodium, r.around(140, 2)],
    [LAB.potassium, r.around(4.2, 0.3)],
    [LAB.chloride, r.around(102, 2)],
    [LAB.carbonDioxide, r.around(25, 2)],
  ];
  const conclusion =
    glucose > 99
      ? 'Fasting glucose above range; other values within normal limits.'
      : 'All values within normal limits.';
  chart.labPanel(PANEL.basicMetabolic, visit, values, conclusion);
}

function lipidPanel(chart: Chart, visit: Visit, ldl: number): void {
  const r = chart.random;
  const hdl = r.around(50, 5);
  const triglycerides = r.around(150, 30);
  const values: [Analyte, number][] = [
    [LAB.cholesterol, ldl + hdl + triglycerides / 5],
    [LAB.triglycerides, triglycerides],
    [LAB.hdl, hdl],
    [LAB.ldl, ldl],
  ];
  chart.labPanel(
    PANEL.lipid,
    visit,
    values,
    ldl > 100
      ? 'LDL cholesterol above goal; continue lifestyle measures and statin as prescribed.'
      : 'Lipids at goal.',
  );
}

function bloodCount(chart: Chart, visit: Visit, hemoglobin: number): void {
  const r = chart.random;
  const values: [Analyte, number][] = [
    [LAB.leukocytes, r.around(6.8, 1.5)],
    [LAB.erythrocytes, r.around(4.7, 0.3)],
    [LAB.hemoglobin, hemoglobin],
    [LAB.hematocrit, hemoglobin * 2.95],
    [LAB.mcv, r.around(89, 3)],
    [LAB.mch, r.around(29.5, 1)],
    [LAB.mchc, r.around(33.8, 0.8)],
    [LAB.platelets, r.around(260, 40)],
  ];
  chart.labPanel(
    PANEL.cbc,
    visit,
    values,
    hemoglobin < 12 ? 'Mild anemia; repeat in three months.' : 'Blood count normal.',
  );
}

/** Elena Núñez, 46: hypertension, prediabetes, hypothyroidism, allergies old and new, six years of care. */
export function richAdultHistory(chart: Chart, ctx: HistoryContext): void {
  const gp = ctx.clinician('okonkwo');
  const np = ctx.clinician('akers');
  const endo = ctx.clinician('tanaka');
  const derm = ctx.clinician('brennan');
  const base = { systolic: 138, diastolic: 86, weight: 74, height: 164 };

  const first = chart.encounter(daysAgo(ctx, 6 * 365 + 40), ENCOUNTER_TYPE.checkUp, gp);
  adultVitals(chart, first, base);
  const hypertension = chart.condition(CONDITION.essentialHypertension, { start: first.date }, first);
  chart.medication(MEDICATION.hydrochlorothiazide25, first, {
    status: 'stopped',
    instructions: 'Take 1 tablet by mouth every morning.',
    perDay: 1,
    reason: hypertension,
  });
  chart.allergy(
    ALLERGEN.latex,
    'environment',
    first,
    [{ manifestation: REACTION.skinEruption, severity: 'mild' }],
    {
      criticality: 'low',
      resolved: true,
      onset: addDays(first.date, -3650),
      note: 'Contact rash with latex gloves in 2009; tolerated latex without reaction since. Marked resolved.',
    },
  );
  chart.allergy(
    ALLERGEN.shellfish,
    'food',
    first,
    [
      { manifestation: REACTION.wheal, severity: 'moderate' },
      { manifestation: REACTION.skinEruption, severity: 'moderate' },
    ],
    { criticality: 'high', onset: addDays(first.date, -5000) },
  );
  metabolicPanel(chart, first, 104);
  lipidPanel(chart, first, 128);
  chart.procedure(PROCEDURE.depressionScreening, first);
  chart.immunization(VACCINE.tdap, first, { manufacturer: 'PMC' });

  const sinus = chart.encounter(
    daysAgo(ctx, 5 * 365 + 200),
    ENCOUNTER_TYPE.symptom,
    np,
    CONDITION.viralSinusitis,
  );
  adultVitals(chart, sinus, base);
  chart.condition(CONDITION.viralSinusitis, { start: sinus.date, end: addDays(sinus.date, 12) }, sinus);
  chart.medication(MEDICATION.acetaminophen325, sinus, {
    status: 'completed',
    instructions: 'Take 2 tablets by mouth every 6 hours as needed for pain or fever.',
    perDay: 4,
    asNeeded: true,
    days: 7,
  });

  for (let year = 5; year >= 1; year -= 1) {
    const visit = chart.encounter(
      daysAgo(ctx, year * 365 + 20),
      year % 2 === 0 ? ENCOUNTER_TYPE.followUp : ENCOUNTER_TYPE.checkUp,
      gp,
    );
    adultVitals(chart, visit, { ...base, systolic: base.systolic - (5 - year) * 2 });
    chart.immunization(VACCINE.influenza, visit, { manufacturer: 'SKB' });
    metabolicPanel(chart, visit, 100 + chart.random.int(0, 10));
    if (year === 5) {
      chart.medication(MEDICATION.lisinopril10, visit, {
        status: 'active',
        instructions: 'Take 1 tablet by mouth once daily.',
        perDay: 1,
        reason: hypertension,
        days: 90,
      });
      chart.document(
        DOCUMENT_TYPE.progressNote,
        visit,
        'Blood pressure follow-up',
        [
          'Blood pressure remains above goal on hydrochlorothiazide.',
          'Stopped hydrochlorothiazide; started lisinopril 10 mg once daily.',
          'Recheck blood pressure and kidney function in three months.',
        ].join('\n'),
      );
    }
    if (year === 4) {
      const prediabetes = chart.condition(CONDITION.prediabetes, { start: visit.date }, visit);
      chart.labPanel(
        PANEL.hba1c,
        visit,
        [[LAB.hba1c, 6.1]],
        'Hemoglobin A1c in the prediabetes range (5.7 to 6.4 %).',
      );
      chart.procedure(PROCEDURE.medicationReconciliation, visit, { reason: prediabetes });
    }
    if (year === 3) {
      const thyroid = chart.condition(CONDITION.hypothyroidism, { start: visit.date }, visit);
      chart.labPanel(PANEL.tsh, visit, [[LAB.tsh, 7.8]], 'TSH elevated, consistent with hypothyroidism.');
      chart.medication(MEDICATION.levothyroxine75, visit, {
        status: 'active',
        instructions: 'Take 1 tablet by mouth every morning on an empty stomach.',
        perDay: 1,
        reason: thyroid,
        days: 90,
      });
    }
    if (year === 2) {
      lipidPanel(chart, visit, 112);
      bloodCount(chart, visit, 11.6);
      chart.condition(CONDITION.anemia, { start: visit.date, end: addDays(visit.date, 120) }, visit);
    }
    if (year === 1) chart.immunization(VACCINE.covid, visit, { manufacturer: 'PFR' });
  }

  const cough = chart.encounter(daysAgo(ctx, 2 * 365 + 100), ENCOUNTER_TYPE.symptom, np);
  adultVitals(chart, cough, base);
  const bronchitis = chart.condition(
    CONDITION.acuteBronchitis,
    { start: cough.date, end: addDays(cough.date, 21) },
    cough,
  );
  chart.procedure(PROCEDURE.chestXray, cough, { reason: bronchitis });
  chart.imagingReport(
    PANEL.chestXray,
    cough,
    [
      'EXAM: XR chest, PA and lateral.',
      'INDICATION: Cough for two weeks.',
      'FINDINGS: Lungs clear. No focal consolidation, effusion or pneumothorax. Heart size normal.',
    ].join('\n'),
    'No acute cardiopulmonary process.',
  );
  chart.medication(MEDICATION.amoxicillinClavulanate, cough, {
    status: 'stopped',
    instructions: 'Take 1 tablet by mouth twice daily for 10 days.',
    perDay: 2,
    reason: bronchitis,
    days: 10,
  });
  chart.allergy(
    ALLERGEN.animalDander,
    'environment',
    cough,
    [
      { manifestation: REACTION.rhinoconjunctivitis, severity: 'moderate' },
      { manifestation: REACTION.cough, severity: 'mild' },
    ],
    { criticality: 'low' },
  );

  const ankle = chart.encounter(daysAgo(ctx, 400), ENCOUNTER_TYPE.problem, np);
  chart.condition(CONDITION.ankleSprain, { start: ankle.date, end: addDays(ankle.date, 35) }, ankle);
  chart.medication(MEDICATION.ibuprofen200, ankle, {
    status: 'completed',
    instructions: 'Take 2 tablets by mouth every 8 hours with food as needed for pain.',
    perDay: 3,
    asNeeded: true,
    days: 14,
  });

  const back = chart.encounter(daysAgo(ctx, 250), ENCOUNTER_TYPE.problem, gp);
  chart.condition(CONDITION.chronicLowBackPain, { start: addDays(back.date, -120) }, back);

  const endoVisit = chart.encounter(daysAgo(ctx, 150), ENCOUNTER_TYPE.followUp, endo);
  adultVitals(chart, endoVisit, { ...base, systolic: 128, diastolic: 80 });
  chart.labPanel(PANEL.tsh, endoVisit, [[LAB.tsh, 2.1]], 'TSH normal on levothyroxine.');
  chart.labPanel(PANEL.hba1c, endoVisit, [[LAB.hba1c, 5.9]], 'A1c 5.9 %, still in the prediabetes range.');
  chart.document(
    DOCUMENT_TYPE.consultLetter,
    endoVisit,
    'Letter from endocrinology',
    [
      'Dear Dr. Okonkwo,',
      '',
      'Thank you for asking me to see Ms. Núñez about her thyroid and blood sugar.',
      'Her TSH is now normal on levothyroxine 75 micrograms; please continue the same dose.',
      'Her A1c of 5.9 % is in the prediabetes range. We discussed diet, activity and a',
      'repeat A1c in six months. No medicine for blood sugar is needed at this time.',
      '',
      'Kind regards,',
      'Dr. Yumi Tanaka, Endocrinology',
    ].join('\n'),
  );

  const skin = chart.encounter(daysAgo(ctx, 90), ENCOUNTER_TYPE.problem, derm);
  chart.procedure(PROCEDURE.briefExamination, skin, { note: 'Full skin check; no suspicious lesions.' });

  const latest = chart.encounter(daysAgo(ctx, 30), ENCOUNTER_TYPE.checkUp, gp);
  adultVitals(chart, latest, { ...base, systolic: 126, diastolic: 79 });
  metabolicPanel(chart, latest, 97);
  lipidPanel(chart, latest, 96);
  chart.immunization(VACCINE.influenza, latest, { manufacturer: 'SKB' });
  chart.procedure(PROCEDURE.medicationReconciliation, latest);
  chart.procedure(PROCEDURE.fecalOccultBlood, latest);
  chart.document(
    DOCUMENT_TYPE.careSummary,
    latest,
    'Care summary after annual visit',
    [
      'Annual visit summary',
      'Problems: essential hypertension (controlled), prediabetes, hypothyroidism, chronic low back pain.',
      'Medicines: lisinopril 10 mg daily; levothyroxine 75 micrograms every morning.',
      'Allergies: shellfish (hives), animal dander (itchy eyes, cough). Latex allergy resolved.',
      'Results: blood pressure 126/79; fasting glucose and cholesterol within goal.',
      'Plan: keep walking 30 minutes a day; repeat A1c in six months; flu shot given today.',
    ].join('\n'),
  );
}

/** Daniel Okafor, 41: a parent who is also a patient; migraines and routine care. */
export function parentHistory(chart: Chart, ctx: HistoryContext): void {
  const gp = ctx.clinician('lindgren');
  const base = { systolic: 122, diastolic: 78, weight: 82, height: 180 };
  const visit = chart.encounter(daysAgo(ctx, 3 * 365), ENCOUNTER_TYPE.checkUp, gp);
  adultVitals(chart, visit, base);
  const migraine = chart.condition(CONDITION.migraine, { start: addDays(visit.date, -2000) }, visit);
  chart.medication(MEDICATION.ibuprofen200, visit, {
    status: 'active',
    instructions: 'Take 2 tablets by mouth at onset of headache; at most 6 tablets a day.',
    perDay: 3,
    asNeeded: true,
    reason: migraine,
  });
  metabolicPanel(chart, visit, 91);
  for (let year = 2; year >= 0; year -= 1) {
    const flu = chart.encounter(
      daysAgo(ctx, year * 365 + 45),
      ENCOUNTER_TYPE.generalExam,
      ctx.clinician('akers'),
    );
    adultVitals(chart, flu, base);
    chart.immunization(VACCINE.influenza, flu, { manufacturer: 'SKB' });
  }
}

/** Amara Okafor, 9: well-child visits, childhood vaccines, asthma, an ear infection. */
export function childHistory(chart: Chart, ctx: HistoryContext, birth: Date): void {
  const peds = ctx.clinician('haddad');
  const atAge = (months: number) => addDays(birth, Math.round(months * 30.44) + 3);
  const schedule: [number, (keyof typeof VACCINE)[]][] = [
    [2, ['dtap', 'ipv', 'hib', 'hepB']],
    [4, ['dtap', 'ipv', 'hib']],
    [6, ['dtap', 'hepB']],
    [12, ['mmr', 'varicella', 'hepA', 'hib']],
    [18, ['dtap', 'ipv', 'hepA', 'hepB']],
    [60, ['dtap', 'ipv', 'mmr', 'varicella']],
  ];
  const growth = (months: number) => ({
    height: 50 + 25 * Math.log2(1 + months / 6),
    weight: 3.4 + months * 0.21,
  });
  for (const [months, vaccines] of schedule) {
    const visit = chart.encounter(atAge(months), ENCOUNTER_TYPE.wellChild, peds, undefined, 10);
    const g = growth(months);
    childVitals(chart, visit, g.height, g.weight);
    for (const vaccine of vaccines) {
      chart.immunization(VACCINE[vaccine], visit, {
        manufacturer:
          vaccine === 'mmr' || vaccine === 'varicella' || vaccine === 'hepB' || vaccine === 'hib'
            ? 'MSD'
            : 'PMC',
        site: months < 24 ? 'LT' : 'LA',
        route: vaccine === 'mmr' || vaccine === 'varicella' ? 'SQ' : 'IM',
      });
    }
  }
  const ear = chart.encounter(atAge(30), ENCOUNTER_TYPE.symptom, peds, undefined, 11);
  const otitis = chart.condition(CONDITION.otitisMedia, { start: ear.date, end: addDays(ear.date, 10) }, ear);
  chart.medication(MEDICATION.amoxicillin250, ear, {
    status: 'completed',
    instructions: 'Give 1 capsule by mouth three times daily for 10 days.',
    perDay: 3,
    reason: otitis,
    days: 10,
  });
  const wheeze = chart.encounter(atAge(72), ENCOUNTER_TYPE.problem, peds, undefined, 15);
  const asthma = chart.condition(CONDITION.childhoodAsthma, { start: wheeze.date }, wheeze);
  chart.medication(MEDICATION.albuterolInhaler, wheeze, {
    status: 'active',
    instructions: 'Inhale 2 puffs every 4 to 6 hours as needed for wheezing.',
    perDay: 4,
    asNeeded: true,
    reason: asthma,
  });
  chart.medication(MEDICATION.fluticasoneInhaler, wheeze, {
    status: 'active',
    instructions: 'Inhale 2 puffs twice daily; rinse mouth after use.',
    perDay: 2,
    reason: asthma,
  });
  chart.allergy(ALLERGEN.peanut, 'food', wheeze, [{ manifestation: REACTION.wheal, severity: 'moderate' }], {
    criticality: 'high',
  });
  for (let years = 6; years <= 9; years += 1) {
    const visit = chart.encounter(atAge(years * 12 + 1), ENCOUNTER_TYPE.wellChild, peds, undefined, 10);
    const g = growth(years * 12);
    childVitals(chart, visit, g.height, g.weight);
    chart.immunization(VACCINE.influenza, visit, { manufacturer: 'PMC', site: 'LA' });
    // A blood count at the latest check-up (tired and pale after a long winter): her newest lab result.
    if (years === 9) bloodCount(chart, visit, 12.4);
  }
}

/** Tobi Okafor, 15: adolescent vaccines, a sore throat and a sprained ankle. */
export function teenHistory(chart: Chart, ctx: HistoryContext, birth: Date): void {
  const peds = ctx.clinician('haddad');
  const atAge = (years: number, days = 10) => addDays(birth, Math.round(years * 365.25) + days);
  const eleven = chart.encounter(atAge(11), ENCOUNTER_TYPE.wellChild, peds, undefined, 10);
  childVitals(chart, eleven, 146, 38);
  chart.immunization(VACCINE.tdap, eleven, { manufacturer: 'PMC' });
  chart.immunization(VACCINE.mcv4, eleven, { manufacturer: 'PMC' });
  chart.immunization(VACCINE.hpv, eleven, { manufacturer: 'MSD' });
  const twelve = chart.encounter(atAge(12), ENCOUNTER_TYPE.wellChild, peds, undefined, 10);
  childVitals(chart, twelve, 152, 42);
  chart.immunization(VACCINE.hpv, twelve, { manufacturer: 'MSD' });
  const throat = chart.encounter(
    atAge(13, 120),
    ENCOUNTER_TYPE.symptom,
    ctx.clinician('akers'),
    undefined,
    16,
  );
  chart.condition(CONDITION.viralPharyngitis, { start: throat.date, end: addDays(throat.date, 7) }, throat);
  chart.medication(MEDICATION.acetaminophen325, throat, {
    status: 'completed',
    instructions: 'Take 2 tablets by mouth every 6 hours as needed for sore throat.',
    perDay: 4,
    asNeeded: true,
    days: 5,
  });
  const ankle = chart.encounter(atAge(14, 200), ENCOUNTER_TYPE.problem, peds, undefined, 17);
  chart.condition(CONDITION.ankleSprain, { start: ankle.date, end: addDays(ankle.date, 28) }, ankle);
  chart.medication(MEDICATION.ibuprofen200, ankle, {
    status: 'stopped',
    instructions: 'Take 2 tablets by mouth every 8 hours with food for up to 7 days.',
    perDay: 3,
    days: 7,
  });
  const fifteen = chart.encounter(atAge(15), ENCOUNTER_TYPE.wellChild, peds, undefined, 10);
  childVitals(chart, fifteen, 171, 58);
  chart.immunization(VACCINE.mcv4, fifteen, { manufacturer: 'PMC' });
  chart.immunization(VACCINE.influenza, fifteen, { manufacturer: 'PMC' });
}

/** Sam Rivera and Jordan Lee: a couple at one address, routine care. */
export function partnerHistory(chart: Chart, ctx: HistoryContext, variant: 'a' | 'b'): void {
  const clinician = ctx.clinician(variant === 'a' ? 'castillo' : 'lindgren');
  const base =
    variant === 'a'
      ? { systolic: 114, diastolic: 72, weight: 63, height: 168 }
      : { systolic: 124, diastolic: 80, weight: 88, height: 183 };
  for (let year = 2; year >= 0; year -= 1) {
    const visit = chart.encounter(
      daysAgo(ctx, year * 365 + (variant === 'a' ? 60 : 75)),
      ENCOUNTER_TYPE.checkUp,
      clinician,
    );
    adultVitals(chart, visit, base);
    chart.immunization(VACCINE.influenza, visit, { manufacturer: 'SKB' });
    if (year === 2) metabolicPanel(chart, visit, 88);
  }
  const sick = chart.encounter(daysAgo(ctx, 200), ENCOUNTER_TYPE.symptom, ctx.clinician('akers'));
  if (variant === 'a') {
    chart.condition(CONDITION.viralSinusitis, { start: sick.date, end: addDays(sick.date, 10) }, sick);
  } else {
    chart.condition(CONDITION.obesity, { start: sick.date }, sick);
    lipidPanel(chart, sick, 131);
  }
}

/**
 * Harold Lindqvist, 78: ten years of diabetes, hypertension and kidney care. Daily home glucose,
 * weekly home blood pressure and weight, quarterly visits with labs: well over 5,000 observations.
 */
export function olderAdultHistory(chart: Chart, ctx: HistoryContext): void {
  const r = chart.random;
  const gp = ctx.clinician('lindgren');
  const cardio = ctx.clinician('moreau');
  const endo = ctx.clinician('tanaka');
  const totalDays = 10 * 365 + 30;
  const start = daysAgo(ctx, totalDays);

  const first = chart.encounter(start, ENCOUNTER_TYPE.checkUp, gp);
  const diabetes = chart.condition(CONDITION.diabetesType2, { start: addDays(start, -400) }, first);
  const hypertension = chart.condition(
    CONDITION.essentialHypertension,
    { start: addDays(start, -2000) },
    first,
  );
  const lipids = chart.condition(CONDITION.hyperlipidemia, { start: addDays(start, -1500) }, first);
  chart.condition(CONDITION.kneeOsteoarthritis, { start: addDays(start, -800) }, first);
  chart.medication(MEDICATION.metforminEr500, first, {
    status: 'active',
    instructions: 'Take 2 tablets by mouth once daily with the evening meal.',
    perDay: 1,
    reason: diabetes,
    days: 90,
  });
  chart.medication(MEDICATION.hydrochlorothiazide25, first, {
    status: 'stopped',
    instructions: 'Take 1 tablet by mouth every morning.',
    perDay: 1,
    reason: hypertension,
    days: 90,
  });
  chart.medication(MEDICATION.simvastatin10, first, {
    status: 'active',
    instructions: 'Take 1 tablet by mouth every evening.',
    perDay: 1,
    reason: lipids,
    days: 90,
  });
  chart.medication(MEDICATION.aspirin81, first, {
    status: 'active',
    instructions: 'Take 1 tablet by mouth once daily.',
    perDay: 1,
    days: 90,
  });
  chart.immunization(VACCINE.pcv13, first, { manufacturer: 'PFR' });
  chart.immunization(VACCINE.zosterLive, first, { manufacturer: 'MSD', route: 'SQ' });

  // Quarterly visits with vitals and labs; the numbers drift the way a long illness does.
  let ckdRecorded = false;
  for (let quarter = 0; quarter < 40; quarter += 1) {
    const progress = quarter / 39;
    const clinician = quarter % 4 === 1 ? endo : quarter % 4 === 3 ? cardio : gp;
    const visit =
      quarter === 0
        ? first
        : chart.encounter(addDays(start, quarter * 91 + r.int(0, 5)), ENCOUNTER_TYPE.followUp, clinician);
    adultVitals(chart, visit, {
      systolic: 142 - progress * 10,
      diastolic: 84 - progress * 6,
      weight: 92 - progress * 6,
      height: 176,
    });
    const a1c = 7.8 - progress * 1.1 + r.around(0, 0.3);
    chart.labPanel(
      PANEL.hba1c,
      visit,
      [[LAB.hba1c, a1c]],
      a1c > 7 ? 'A1c above the 7 % goal.' : 'A1c at goal.',
    );
    metabolicPanel(chart, visit, r.around(150 - progress * 25, 15), 1.1 + progress * 0.5);
    lipidPanel(chart, visit, r.around(125 - progress * 35, 8));
    if (quarter % 4 === 0) bloodCount(chart, visit, r.around(13.8, 0.6));
    if (quarter % 4 === 2) chart.immunization(VACCINE.influenza, visit, { manufacturer: 'SKB' });
    if (quarter === 8)
      chart.medication(MEDICATION.lisinopril10, visit, {
        status: 'active',
        instructions: 'Take 1 tablet by mouth once daily.',
        perDay: 1,
        reason: hypertension,
        days: 90,
      });
    if (quarter === 20)
      chart.medication(MEDICATION.amlodipine5, visit, {
        status: 'active',
        instructions: 'Take 1 tablet by mouth once daily.',
        perDay: 1,
        reason: hypertension,
        days: 90,
      });
    if (!ckdRecorded && quarter >= 28) {
      chart.condition(CONDITION.ckdStage3, { start: visit.date }, visit);
      ckdRecorded = true;
    }
    if (quarter % 8 === 7) {
      chart.document(
        DOCUMENT_TYPE.progressNote,
        visit,
        'Diabetes and blood pressure review',
        [
          `A1c ${a1c.toFixed(1)} %. Home glucose log reviewed; no lows reported.`,
          'Blood pressure log reviewed. Feet examined: sensation intact, no ulcers.',
          'Continue current medicines. Next review in three months.',
        ].join('\n'),
      );
    }
  }
  chart.procedure(PROCEDURE.colonoscopy, chart.encounter(addDays(start, 700), ENCOUNTER_TYPE.problem, gp));

  // Home monitoring, entered through the meter and cuff the practice supplied.
  for (let day = 0; day < totalDays; day += 1) {
    const date = addDays(start, day);
    const progress = day / totalDays;
    chart.observation(
      LAB.glucoseMeter,
      r.around(160 - progress * 30, 35),
      isoDateTime(date, 7, r.int(0, 40)),
      'laboratory',
    );
    if (day % 7 === 3) {
      const at = isoDateTime(date, 19, r.int(0, 50));
      chart.bloodPressure(r.around(140 - progress * 8, 10), r.around(82 - progress * 5, 6), at);
      chart.observation(VITAL.weight, r.around(92 - progress * 6, 1.2), at, 'vital-signs');
    }
  }
}
