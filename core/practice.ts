// The practice's public identity and contacts, as configured per deployment and shown in the app.
// Nothing here is health information; the client caches it for offline use.

export interface PracticeOffice {
  id: string;
  name: string;
  address: string;
  phone: string;
}

export interface PracticeInfo {
  name: string;
  shortName: string;
  timeZone: string;
  supportPhone: string;
  supportEmail: string;
  supportHours: string;
  billingPhone: string;
  billingEmail: string;
  feedbackEmail: string;
  offices: PracticeOffice[];
}

/** The fictional practice every fresh install describes until configured otherwise. */
export const DEMO_PRACTICE: PracticeInfo = {
  name: 'Riverbend Family Health',
  shortName: 'Riverbend',
  timeZone: 'America/Chicago',
  supportPhone: '(555) 010-4400',
  supportEmail: 'portal-help@riverbend.example',
  supportHours: 'Monday to Friday, 8 am to 6 pm',
  billingPhone: '(555) 010-4410',
  billingEmail: 'billing@riverbend.example',
  feedbackEmail: 'feedback@riverbend.example',
  offices: [
    {
      id: 'office-main',
      name: 'Main Street Office',
      address: '120 Main Street, Riverbend, IL 60901',
      phone: '(555) 010-4401',
    },
    {
      id: 'office-north',
      name: 'North Clinic',
      address: '45 Oak Avenue, Riverbend, IL 60902',
      phone: '(555) 010-4402',
    },
    {
      id: 'office-lakeside',
      name: 'Lakeside Pediatrics & Family',
      address: '9 Harbor Road, Lakeview, IL 60910',
      phone: '(555) 010-4403',
    },
  ],
};
