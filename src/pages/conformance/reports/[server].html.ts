// Each matrix server's full HTML report, rendered at build time from its committed JSON report.
import type { APIRoute, GetStaticPaths } from 'astro';
import { reportPaths, reportResponse } from '../../../../conformance/report-pages.ts';
import type { JsonReport } from '../../../../conformance/report-json.ts';

const reports = import.meta.glob<JsonReport>('../../../data/conformance/reports/*.json', { eager: true, import: 'default' });

export const getStaticPaths: GetStaticPaths = () => reportPaths(reports, 'server');

export const GET: APIRoute = ({ props }) =>
  reportResponse((props as { report: JsonReport }).report, import.meta.env.BASE_URL, 'conformance/');
