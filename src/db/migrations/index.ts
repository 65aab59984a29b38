import type { Migration } from 'kysely'
import * as service from './20261129T0500_service.ts'
import * as record from './20261129T0600_record.ts'
import * as importing from './20261129T0700_import.ts'
import * as recordIndexes from './20261129T0800_record_indexes.ts'
import * as procedure from './20261129T0900_procedure.ts'
import * as contactCheck from './20261129T1000_contact_check.ts'
import * as attention from './20261129T1100_attention.ts'
import * as reminders from './20261129T1200_reminders.ts'
import * as safetyMarkerReviews from './20261204T1000_safety_marker_reviews.ts'
import * as staffServices from './20261204T1100_staff_services.ts'
import * as decisionCounterweights from './20261204T1200_decision_counterweights.ts'
import * as variations from './20261204T1300_variations.ts'
import * as interimEndLetters from './20261204T1400_interim_end_letters.ts'
import * as immediateRiskIncident from './20261204T1500_immediate_risk_incident.ts'
import * as sinceWarningJustification from './20261205T0500_since_warning_justification.ts'
import * as letterReasons from './20261205T0510_letter_reasons.ts'
import * as auditKey from './20261205T0520_audit_key.ts'
import * as attentionFoiEir from './20261205T0610_attention_foi_eir.ts'
import * as staffSingleSignOn from './20261205T0710_staff_single_sign_on.ts'
import * as letterDelivery from './20261205T0720_letter_delivery.ts'
import * as councilSettings from './20261205T0730_council_settings.ts'

// Every migration, in order. Listed here rather than read from the folder, so that the bundle, the CLI and the
// tests all run exactly the same set.
export const migrations: Record<string, Migration> = {
  '20261129T0500_service': service,
  '20261129T0600_record': record,
  '20261129T0700_import': importing,
  '20261129T0800_record_indexes': recordIndexes,
  '20261129T0900_procedure': procedure,
  '20261129T1000_contact_check': contactCheck,
  '20261129T1100_attention': attention,
  '20261129T1200_reminders': reminders,
  '20261204T1000_safety_marker_reviews': safetyMarkerReviews,
  '20261204T1100_staff_services': staffServices,
  '20261204T1200_decision_counterweights': decisionCounterweights,
  '20261204T1300_variations': variations,
  '20261204T1400_interim_end_letters': interimEndLetters,
  '20261204T1500_immediate_risk_incident': immediateRiskIncident,
  '20261205T0500_since_warning_justification': sinceWarningJustification,
  '20261205T0510_letter_reasons': letterReasons,
  '20261205T0520_audit_key': auditKey,
  '20261205T0610_attention_foi_eir': attentionFoiEir,
  '20261205T0710_staff_single_sign_on': staffSingleSignOn,
  '20261205T0720_letter_delivery': letterDelivery,
  '20261205T0730_council_settings': councilSettings,
}
