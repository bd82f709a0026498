/**
 * The back office's sections and their addresses: `#/staff/<section>` opens the cashier window on
 * that section, so a manager can bookmark or be sent straight to the audit log.
 */
export const STAFF_SECTIONS = [
  'report',
  'settlement',
  'reservations',
  'audit',
  'members',
  'policy',
  'support',
] as const;
export type StaffSection = (typeof STAFF_SECTIONS)[number];

const PREFIX = /^#\/?staff(?:\/([a-z-]*))?(?:\?.*)?$/;

/** The section a hash points at; `null` when the hash is not a staff address at all. */
export function staffSectionFromHash(hash: string): StaffSection | null {
  const match = PREFIX.exec(hash);
  if (!match) return null;
  const name = match[1] ?? '';
  return (STAFF_SECTIONS as readonly string[]).includes(name) ? (name as StaffSection) : 'report';
}

export function staffHash(section: StaffSection): string {
  return `#/staff/${section}`;
}
