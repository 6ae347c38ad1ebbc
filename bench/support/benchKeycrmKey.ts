// The API key the bench's KeyCRM simulator and importer share (its own module: importing the simulator process would start one).
export const BENCH_KEYCRM_KEY = 'bench-keycrm-key';
