// The site's routes for the committed HTML reports (server matrix and client matrix) share these two steps.
import { htmlReport, type HtmlReportOptions } from './report-html.ts';
import type { JsonReport } from './report-json.ts';

/** One static path per committed report file, named after the file, under the route's parameter name. */
export function reportPaths(
  reports: Record<string, JsonReport>,
  param: string,
): { params: Record<string, string>; props: { report: JsonReport } }[] {
  return Object.entries(reports).map(([file, report]) => ({
    params: {
      [param]: file
        .split('/')
        .pop()!
        .replace(/\.json$/, ''),
    },
    props: { report },
  }));
}

/** The report as a static HTML page, with a link back to the Conformance page (`backPath` below the site's base). */
export function reportResponse(report: JsonReport, base: string, backPath: string, options: HtmlReportOptions = {}): Response {
  return new Response(htmlReport(report, new Map(), { ...options, backLink: `${base.replace(/\/?$/, '/')}${backPath}` }), {
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
  });
}
