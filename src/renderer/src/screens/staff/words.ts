import { useTranslation } from 'react-i18next';
import { en } from '../../locales';

const staffEn = en.staff;

/**
 * Main names the built-in training manager in the journal as this English string (the staff table
 * holds names as typed). It is a name the app chose, not one a person typed, so it is translated.
 * test/renderer/staff checks it still matches main's TRAINING_MANAGER.
 */
export const TRAINING_MANAGER_NAME = 'Training manager';

/** Every action main writes to the audit log, in the order the filter list offers them. */
export const AUDIT_ACTIONS = Object.keys(staffEn.audit.actions) as Array<keyof typeof staffEn.audit.actions>;

/** Actors that are not people: main writes these codes when no staff member acted. */
const SYSTEM_ACTORS = Object.keys(staffEn.audit.actors) as Array<keyof typeof staffEn.audit.actors>;

/** Audit codes and built-in names in the UI language; people's names and unknown codes as stored. */
export function useStaffWords() {
  const { t } = useTranslation();
  const personName = (name: string) => (name === TRAINING_MANAGER_NAME ? t('staff.trainingManager') : name);
  return {
    personName,
    actorName: (actor: string, details: Record<string, unknown>) =>
      details.staffId === undefined && (SYSTEM_ACTORS as string[]).includes(actor)
        ? t(`staff.audit.actors.${actor}`)
        : personName(actor),
    actionName: (action: string) =>
      (AUDIT_ACTIONS as string[]).includes(action) ? t(`staff.audit.actions.${action}`) : action,
  };
}
