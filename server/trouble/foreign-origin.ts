// symptom=foreign-origin: the demo server's Origin refusal (403), as a server that allows only another site's pages gives it.
import { demoError } from '../demo-errors.ts';
import type { Symptom } from './symptom.ts';

/** The one origin this symptom's pretend server allows; the reader's page is never it. */
export const PRETEND_ALLOWED_ORIGIN = 'https://app.example.com';

export const foreignOrigin: Symptom = {
  name: 'foreign-origin',
  beforeUpgrade: (request) => ({
    refusal: demoError(
      'DEMO_ERR_ORIGIN_NOT_ALLOWED',
      `This endpoint plays a server that allows only pages from ${PRETEND_ALLOWED_ORIGIN}, and this page's Origin is ${JSON.stringify(request.headers.origin ?? '(none)')} (RFC 6455 §10.2).`,
    ),
  }),
};
