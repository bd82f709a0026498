import { useTranslation } from 'react-i18next';
import { useStaffStore } from '../../stores/staff';

/** Where the last export went: a saved path (Electron) or a browser download (web host). */
export function ExportNote() {
  const { t } = useTranslation();
  const last = useStaffStore((s) => s.lastExport);
  if (!last || last.cancelled) return null;
  return (
    <p className="notice no-print" role="status">
      {last.savedTo
        ? t('staff.support.saved', { path: last.savedTo })
        : t('staff.support.downloaded', { file: last.filename })}
    </p>
  );
}
