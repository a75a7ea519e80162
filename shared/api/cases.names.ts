/** Request names of the 信访件 (issue 5: registration, workflow, deadlines, statistics) part of the contract; zod-free so the preload can import them. */
export const CASES_REQUEST_NAMES = [
  'cases.list',
  'cases.get',
  'cases.register',
  'cases.checkRepeats',
  'cases.prefillFromDocument',
  'cases.step',
  'cases.correct',
  'cases.updateFields',
  'cases.due',
  'cases.dashboard',
  'cases.statistics',
  'cases.exportStatistics',
  'cases.settings',
  'cases.updateSettings',
  'cases.calendarYears',
  'cases.importCalendarYear',
] as const;
