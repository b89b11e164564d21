// Each matrix server's full HTML report, rendered at build time from its committed JSON report.
import type { APIRoute, GetStaticPaths } from 'astro';
import { htmlReport } from '../../../../conformance/report-html.ts';
import type { JsonReport } from '../../../../conformance/report-json.ts';

const reports = import.meta.glob<JsonReport>('../../../data/conformance/reports/*.json', { eager: true, import: 'default' });

export const getStaticPaths: GetStaticPaths = () =>
  Object.entries(reports).map(([file, report]) => ({
    params: {
      server: file
        .split('/')
        .pop()!
        .replace(/\.json$/, ''),
    },
    props: { report },
  }));

export const GET: APIRoute = ({ props }) =>
  new Response(
    htmlReport((props as { report: JsonReport }).report, new Map(), {
      backLink: `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}conformance/`,
    }),
    {
      headers: { 'Content-Type': 'text/html; charset=utf-8' },
    },
  );
