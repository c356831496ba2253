// The fields a billing statement line may carry (core/billing.ts), sorted: tests compare each
// line's keys with it, so a clinical field slipped into the answer fails them.
export const STATEMENT_KEYS = [
  'adjustmentCents',
  'billedBy',
  'chargedCents',
  'currency',
  'facility',
  'id',
  'insurancePaidCents',
  'insurer',
  'patientOwesCents',
  'patientPaidCents',
  'serviceDate',
  'status',
].sort();
