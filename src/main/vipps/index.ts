/** The Vipps API client: what the rest of main imports. */
export { createVippsClient, type VippsClientOptions } from './client';
export { isVippsError, VippsError } from './errors';
export {
  createReportClient,
  type Ledger,
  REPORT_TOPICS,
  type ReportClient,
  type ReportClientOptions,
  type ReportEntry,
  type ReportPage,
  type ReportTopic,
} from './report';
export { systemInfoFromPackage } from './system-info';
export * from './types';
