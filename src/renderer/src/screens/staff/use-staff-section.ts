import { useEffect, useState } from 'react';
import { type StaffSection, staffSectionFromHash } from './sections';

/**
 * The section the address names (`#/staff/<section>`; the day report when it names none), and a
 * count of visits, so opening the section already shown still moves focus to its heading.
 */
export function useStaffSection(): { section: StaffSection; visit: number } {
  const [state, setState] = useState(() => ({
    section: staffSectionFromHash(window.location.hash) ?? ('report' as StaffSection),
    visit: 0,
  }));
  useEffect(() => {
    const onHash = () => {
      const next = staffSectionFromHash(window.location.hash);
      if (next) setState((current) => ({ section: next, visit: current.visit + 1 }));
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return state;
}
