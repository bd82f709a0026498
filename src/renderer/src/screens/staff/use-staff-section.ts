import { useEffect, useState } from 'react';
import { type StaffSection, staffSectionFromHash } from './sections';

/** The section the address names (`#/staff/<section>`); the day report when it names none. */
export function useStaffSection(): StaffSection {
  const [section, setSection] = useState<StaffSection>(
    () => staffSectionFromHash(window.location.hash) ?? 'report',
  );
  useEffect(() => {
    const onHash = () => {
      const next = staffSectionFromHash(window.location.hash);
      if (next) setSection(next);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return section;
}
