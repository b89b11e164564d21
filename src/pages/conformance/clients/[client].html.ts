// Each client of the client matrix: its full HTML report (client mode), rendered at build time from its committed JSON report.
import type { APIRoute, GetStaticPaths } from 'astro';
import { reportPaths, reportResponse } from '../../../../conformance/report-pages.ts';
import type { JsonReport } from '../../../../conformance/report-json.ts';

const reports = import.meta.glob<JsonReport>('../../../data/conformance/clients/reports/*.json', { eager: true, import: 'default' });

export const getStaticPaths: GetStaticPaths = () => reportPaths(reports, 'client');

export const GET: APIRoute = ({ props }) =>
  reportResponse((props as { report: JsonReport }).report, import.meta.env.BASE_URL, 'conformance/#client-mode', { mode: 'client' });
