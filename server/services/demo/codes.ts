// The clinical codes the demo practice uses, with their official display names: SNOMED CT, LOINC,
// RxNorm, CVX and NUCC. Each was checked against Synthea output or published terminology.
import { type Concept, concept, SYSTEM } from './fhir';

const sct = (code: string, display: string) => concept(SYSTEM.snomed, code, display);
const rx = (code: string, display: string) => concept(SYSTEM.rxnorm, code, display);
const cvx = (code: string, display: string) => concept(SYSTEM.cvx, code, display);

export const CONDITION = {
  essentialHypertension: sct('59621000', 'Essential hypertension (disorder)'),
  prediabetes: sct('714628002', 'Prediabetes (finding)'),
  diabetesType2: sct('44054006', 'Diabetes mellitus type 2 (disorder)'),
  hyperlipidemia: sct('55822004', 'Hyperlipidemia (disorder)'),
  hypothyroidism: sct('40930008', 'Hypothyroidism (disorder)'),
  ckdStage3: sct('433144002', 'Chronic kidney disease stage 3 (disorder)'),
  kneeOsteoarthritis: sct('239873007', 'Osteoarthritis of knee (disorder)'),
  chronicLowBackPain: sct('278860009', 'Chronic low back pain (finding)'),
  viralSinusitis: sct('444814009', 'Viral sinusitis (disorder)'),
  acuteBronchitis: sct('10509002', 'Acute bronchitis (disorder)'),
  ankleSprain: sct('44465007', 'Sprain of ankle (disorder)'),
  viralPharyngitis: sct('195662009', 'Acute viral pharyngitis (disorder)'),
  otitisMedia: sct('65363002', 'Otitis media (disorder)'),
  childhoodAsthma: sct('233678006', 'Childhood asthma (disorder)'),
  migraine: sct('37796009', 'Migraine (disorder)'),
  anemia: sct('271737000', 'Anemia (disorder)'),
  obesity: sct('162864005', 'Body mass index 30+ - obesity (finding)'),
} satisfies Record<string, Concept>;

export const MEDICATION = {
  lisinopril10: rx('314076', 'lisinopril 10 MG Oral Tablet'),
  amlodipine5: rx('197361', 'amLODIPine 5 MG Oral Tablet'),
  hydrochlorothiazide25: rx('310798', 'Hydrochlorothiazide 25 MG Oral Tablet'),
  metforminEr500: rx('860975', '24 HR metformin hydrochloride 500 MG Extended Release Oral Tablet'),
  simvastatin10: rx('314231', 'Simvastatin 10 MG Oral Tablet'),
  aspirin81: rx('243670', 'aspirin 81 MG Oral Tablet'),
  levothyroxine75: rx('966222', 'Levothyroxine Sodium 0.075 MG Oral Tablet'),
  albuterolInhaler: rx('745679', '200 ACTUAT Albuterol 0.09 MG/ACTUAT Metered Dose Inhaler'),
  fluticasoneInhaler: rx('895994', '120 ACTUAT Fluticasone propionate 0.044 MG/ACTUAT Metered Dose Inhaler'),
  amoxicillin250: rx('308182', 'Amoxicillin 250 MG Oral Capsule'),
  amoxicillinClavulanate: rx('562251', 'Amoxicillin 250 MG / Clavulanate 125 MG Oral Tablet'),
  penicillinV250: rx('834061', 'Penicillin V Potassium 250 MG Oral Tablet'),
  ibuprofen200: rx('310965', 'Ibuprofen 200 MG Oral Tablet'),
  acetaminophen325: rx('313782', 'Acetaminophen 325 MG Oral Tablet'),
} satisfies Record<string, Concept>;

export const ALLERGEN = {
  shellfish: sct('735029006', 'Shellfish (substance)'),
  animalDander: sct('264287008', 'Animal dander (substance)'),
  latex: sct('111088007', 'Latex (substance)'),
  peanut: sct('762952008', 'Peanut (substance)'),
} satisfies Record<string, Concept>;

export const REACTION = {
  wheal: sct('247472004', 'Wheal (finding)'),
  skinEruption: sct('271807003', 'Eruption of skin (disorder)'),
  cough: sct('49727002', 'Cough (finding)'),
  rhinoconjunctivitis: sct('878820003', 'Rhinoconjunctivitis (disorder)'),
} satisfies Record<string, Concept>;

export const VACCINE = {
  influenza: cvx('140', 'Influenza, seasonal, injectable, preservative free'),
  covid: cvx('208', 'COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose'),
  tdap: cvx('115', 'Tdap'),
  td: cvx('113', 'Td (adult), 5 Lf tetanus toxoid, preservative free, adsorbed'),
  pcv13: cvx('133', 'Pneumococcal conjugate PCV 13'),
  zosterLive: cvx('121', 'zoster vaccine, live'),
  dtap: cvx('20', 'DTaP'),
  ipv: cvx('10', 'IPV'),
  mmr: cvx('03', 'MMR'),
  varicella: cvx('21', 'varicella'),
  hepB: cvx('08', 'Hep B, adolescent or pediatric'),
  hepA: cvx('83', 'Hep A, ped/adol, 2 dose'),
  hib: cvx('49', 'Hib (PRP-OMP)'),
  mcv4: cvx('114', 'meningococcal MCV4P'),
  hpv: cvx('62', 'HPV, quadrivalent'),
} satisfies Record<string, Concept>;

/** Vaccine makers by their CDC MVX code. */
export const MANUFACTURER = {
  PMC: 'Sanofi Pasteur',
  MSD: 'Merck and Co., Inc.',
  SKB: 'GlaxoSmithKline',
  PFR: 'Pfizer, Inc',
} as const;

export const PROCEDURE = {
  colonoscopy: sct('73761001', 'Colonoscopy (procedure)'),
  chestXray: sct('399208008', 'Plain X-ray of chest (procedure)'),
  medicationReconciliation: sct('430193006', 'Medication reconciliation (procedure)'),
  depressionScreening: sct('171207006', 'Depression screening (procedure)'),
  briefExamination: sct('162676008', 'Brief general examination (procedure)'),
  fecalOccultBlood: sct('104435004', 'Screening for occult blood in feces (procedure)'),
} satisfies Record<string, Concept>;

export const ENCOUNTER_TYPE = {
  checkUp: sct('185349003', 'Encounter for check up (procedure)'),
  problem: sct('185347001', 'Encounter for problem (procedure)'),
  symptom: sct('185345009', 'Encounter for symptom (procedure)'),
  followUp: sct('390906007', 'Follow-up encounter (procedure)'),
  wellChild: sct('410620009', 'Well child visit (procedure)'),
  generalExam: sct('162673000', 'General examination of patient (procedure)'),
} satisfies Record<string, Concept>;

/** A lab or vital-sign analyte: LOINC code and display, UCUM unit, reference range when it has one. */
export interface Analyte {
  code: string;
  display: string;
  unit: string;
  low?: number;
  high?: number;
  decimals: number;
}

const analyte = (
  code: string,
  display: string,
  unit: string,
  decimals: number,
  low?: number,
  high?: number,
): Analyte => ({
  code,
  display,
  unit,
  decimals,
  ...(low === undefined ? {} : { low }),
  ...(high === undefined ? {} : { high }),
});

export const LAB = {
  glucose: analyte('2339-0', 'Glucose [Mass/volume] in Blood', 'mg/dL', 0, 70, 99),
  glucoseMeter: analyte(
    '41653-7',
    'Glucose [Mass/volume] in Capillary blood by Glucometer',
    'mg/dL',
    0,
    70,
    130,
  ),
  ureaNitrogen: analyte('6299-2', 'Urea nitrogen [Mass/volume] in Blood', 'mg/dL', 0, 7, 20),
  creatinine: analyte('38483-4', 'Creatinine [Mass/volume] in Blood', 'mg/dL', 2, 0.6, 1.3),
  calcium: analyte('49765-1', 'Calcium [Mass/volume] in Blood', 'mg/dL', 1, 8.5, 10.2),
  sodium: analyte('2947-0', 'Sodium [Moles/volume] in Blood', 'mmol/L', 0, 135, 145),
  potassium: analyte('6298-4', 'Potassium [Moles/volume] in Blood', 'mmol/L', 1, 3.5, 5.1),
  chloride: analyte('2069-3', 'Chloride [Moles/volume] in Blood', 'mmol/L', 0, 98, 107),
  carbonDioxide: analyte('20565-8', 'Carbon dioxide, total [Moles/volume] in Blood', 'mmol/L', 0, 22, 29),
  cholesterol: analyte('2093-3', 'Cholesterol [Mass/volume] in Serum or Plasma', 'mg/dL', 0, undefined, 200),
  triglycerides: analyte(
    '2571-8',
    'Triglyceride [Mass/volume] in Serum or Plasma',
    'mg/dL',
    0,
    undefined,
    150,
  ),
  hdl: analyte('2085-9', 'Cholesterol in HDL [Mass/volume] in Serum or Plasma', 'mg/dL', 0, 40),
  ldl: analyte(
    '18262-6',
    'Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay',
    'mg/dL',
    0,
    undefined,
    100,
  ),
  hba1c: analyte('4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood', '%', 1, 4, 5.6),
  tsh: analyte('3016-3', 'Thyrotropin [Units/volume] in Serum or Plasma', 'm[IU]/L', 2, 0.4, 4),
  leukocytes: analyte('6690-2', 'Leukocytes [#/volume] in Blood by Automated count', '10*3/uL', 1, 4.5, 11),
  erythrocytes: analyte(
    '789-8',
    'Erythrocytes [#/volume] in Blood by Automated count',
    '10*6/uL',
    2,
    4.2,
    5.9,
  ),
  hemoglobin: analyte('718-7', 'Hemoglobin [Mass/volume] in Blood', 'g/dL', 1, 12, 17.5),
  hematocrit: analyte('4544-3', 'Hematocrit [Volume Fraction] of Blood by Automated count', '%', 1, 36, 50),
  mcv: analyte('787-2', 'MCV [Entitic volume] by Automated count', 'fL', 1, 80, 100),
  mch: analyte('785-6', 'MCH [Entitic mass] by Automated count', 'pg', 1, 27, 33),
  mchc: analyte('786-4', 'MCHC [Mass/volume] by Automated count', 'g/dL', 1, 32, 36),
  platelets: analyte('777-3', 'Platelets [#/volume] in Blood by Automated count', '10*3/uL', 0, 150, 450),
} satisfies Record<string, Analyte>;

export const VITAL = {
  systolic: analyte('8480-6', 'Systolic blood pressure', 'mm[Hg]', 0, 90, 129),
  diastolic: analyte('8462-4', 'Diastolic blood pressure', 'mm[Hg]', 0, 60, 79),
  heartRate: analyte('8867-4', 'Heart rate', '/min', 0, 60, 100),
  respiratoryRate: analyte('9279-1', 'Respiratory rate', '/min', 0, 12, 20),
  temperature: analyte('8310-5', 'Body temperature', 'Cel', 1, 36.1, 37.9),
  weight: analyte('29463-7', 'Body weight', 'kg', 1),
  height: analyte('8302-2', 'Body height', 'cm', 1),
  bmi: analyte('39156-5', 'Body mass index (BMI) [Ratio]', 'kg/m2', 1, 18.5, 24.9),
  oxygenSaturation: analyte(
    '59408-5',
    'Oxygen saturation in Arterial blood by Pulse oximetry',
    '%',
    0,
    95,
    100,
  ),
} satisfies Record<string, Analyte>;

export const PANEL = {
  bloodPressure: concept(SYSTEM.loinc, '85354-9', 'Blood pressure panel with all children optional'),
  basicMetabolic: concept(SYSTEM.loinc, '51990-0', 'Basic metabolic panel - Blood'),
  lipid: concept(SYSTEM.loinc, '57698-3', 'Lipid panel with direct LDL - Serum or Plasma'),
  cbc: concept(SYSTEM.loinc, '58410-2', 'CBC panel - Blood by Automated count'),
  chestXray: concept(SYSTEM.loinc, '36643-5', 'XR Chest 2 Views'),
  hba1c: concept(SYSTEM.loinc, '4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood'),
  tsh: concept(SYSTEM.loinc, '3016-3', 'Thyrotropin [Units/volume] in Serum or Plasma'),
} satisfies Record<string, Concept>;

export const DOCUMENT_TYPE = {
  careSummary: concept(SYSTEM.loinc, '34133-9', 'Summary of episode note'),
  consultLetter: concept(SYSTEM.loinc, '11488-4', 'Consult note'),
  progressNote: concept(SYSTEM.loinc, '11506-3', 'Progress note'),
} satisfies Record<string, Concept>;

/** Specialties: NUCC provider taxonomy for PractitionerRole.code, SNOMED CT practice setting for specialty. */
export interface Specialty {
  nucc: Concept;
  snomed: Concept;
}

const specialty = (
  nuccCode: string,
  nuccDisplay: string,
  snomedCode: string,
  snomedDisplay: string,
): Specialty => ({
  nucc: concept(SYSTEM.nucc, nuccCode, nuccDisplay),
  snomed: sct(snomedCode, snomedDisplay),
});

export const SPECIALTY = {
  familyMedicine: specialty('207Q00000X', 'Family Medicine Physician', '419772000', 'Family practice'),
  pediatrics: specialty('208000000X', 'Pediatrics Physician', '394537008', 'Pediatric specialty'),
  internalMedicine: specialty('207R00000X', 'Internal Medicine Physician', '419192003', 'Internal medicine'),
  cardiology: specialty('207RC0000X', 'Cardiovascular Disease Physician', '394579002', 'Cardiology'),
  endocrinology: specialty(
    '207RE0101X',
    'Endocrinology, Diabetes & Metabolism Physician',
    '394583002',
    'Endocrinology',
  ),
  dermatology: specialty('207N00000X', 'Dermatology Physician', '394582007', 'Dermatology'),
  obstetricsGynecology: specialty(
    '207V00000X',
    'Obstetrics & Gynecology Physician',
    '394586005',
    'Gynecology',
  ),
  familyNursePractitioner: specialty(
    '363LF0000X',
    'Family Nurse Practitioner',
    '419772000',
    'Family practice',
  ),
} satisfies Record<string, Specialty>;
