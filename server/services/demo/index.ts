// The deterministic demo practice: what server start-up and the accounts feature use from it.
export type { DemoPractitioner } from './directory';
export { PRACTICE_ORGANIZATION_ID } from './directory';
export type { DemoPerson, DemoPersonKey } from './people';
export { demoPeople } from './people';
export type { SeedOptions, SeedResult } from './seed';
export {
  buildDemoPractice,
  DEMO_SEED_META_KEY,
  ensureDemoPractice,
  readSeedDate,
  seedDemoPractice,
  seededDemoPeople,
} from './seed';
