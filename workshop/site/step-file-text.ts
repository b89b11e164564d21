// Every word a step page says around the step's files (StepFile.astro), in each language the site speaks.
import type { Locale } from '../../src/lib/i18n/locale.ts';

export interface StepFileText {
  /** How much of a file is shown: each change with this many unchanged lines around it. */
  around: (contextLines: number) => string;
  /** Under a start file: only what it adds is shown; then the whole file's path, then `wholeFileAfter`. */
  startShown: (around: string) => string;
  /** The reference solution's summary line, with how many lines it adds and removes. */
  solutionSummary: (added: number, removed: number) => string;
  /** Inside the reference solution: what is shown; then the whole file's path, then `wholeFileAfter`. */
  solutionShown: (around: string) => string;
  wholeFileAfter: string;
}

const lines = (count: number) => `${count} ${count === 1 ? 'line' : 'lines'}`;

export const STEP_FILE_TEXT: Record<Locale, StepFileText> = {
  en: {
    around: (contextLines) => `with ${contextLines} unchanged lines around each change`,
    startShown: (around) => `Only what it adds to the previous step's solution is shown, ${around}. The whole file is `,
    solutionSummary: (added, removed) => `The reference solution: ${lines(added)} added, ${removed} removed`,
    solutionShown: (around) => `What it changes in the start file, ${around}. The whole file is `,
    wholeFileAfter: '.',
  },
  'zh-CN': {
    around: (contextLines) => `每处改动前后各留 ${contextLines} 行未改动的代码`,
    startShown: (around) => `这里只显示它在上一步参考答案之上新增的部分，${around}。完整文件是 `,
    solutionSummary: (added, removed) => `参考答案：新增 ${added} 行，删除 ${removed} 行`,
    solutionShown: (around) => `它对起始文件所做的改动，${around}。完整文件是 `,
    wholeFileAfter: '。',
  },
};
