import { useEffect, useRef } from 'react';
import { useAppStore } from '../../stores/app';
import { staffSectionFromHash } from './sections';

/**
 * `#/staff/<section>` opens the staff area (at start or when the address changes); leaving the
 * staff area drops the staff address, so a reload opens where the cashier is.
 */
export function useStaffHash(): void {
  const view = useAppStore((s) => s.view);
  const setView = useAppStore((s) => s.setView);
  useEffect(() => {
    const follow = () => {
      if (staffSectionFromHash(window.location.hash)) setView('staff');
    };
    follow();
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [setView]);
  // Only a move away from the staff area drops the address (at start the view is still 'sale' for
  // one render while the address opens the staff area).
  const previous = useRef(view);
  useEffect(() => {
    const left = previous.current === 'staff' && view !== 'staff';
    previous.current = view;
    if (left && staffSectionFromHash(window.location.hash)) {
      window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`);
    }
  }, [view]);
}
