export {
  renderNagios,
  renderNagiosUnknown,
  NagiosStatus,
  type NagiosOptions,
  type NagiosResult,
} from './nagios.js';
export {
  renderPrometheus,
  renderPrometheusUnreadable,
  escapeLabel,
  type PrometheusOptions,
} from './prometheus.js';
export { parseNagiosRange, type NagiosRange } from './nagios-range.js';
