/** The Vipps API client: what the rest of main imports. */
export { createVippsClient, type VippsClientOptions } from './client';
export { isVippsError, VippsError } from './errors';
export { systemInfoFromPackage } from './system-info';
export * from './types';
