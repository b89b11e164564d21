// What /healthz answers: ok, degraded (saying what), or closing; plain text for probes, JSON for Accept: application/json.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BrokerHealth } from './broker/broker.ts';
import { sendText } from './http-responses.ts';

export interface HealthReport {
  /** `degraded` still answers 200: echo, inspect and lab work, so a load balancer should keep sending readers here. */
  status: 'ok' | 'degraded' | 'closing';
  node: string;
  broker: BrokerHealth['kind'];
  /** One sentence per part that does not work now. */
  degraded: string[];
}

export function healthReport(closing: boolean, node: string, broker: BrokerHealth): HealthReport {
  const degraded = broker.unavailable ? [broker.unavailable] : [];
  const status = closing ? 'closing' : degraded.length > 0 ? 'degraded' : 'ok';
  return { status, node, broker: broker.kind, degraded };
}

export function sendHealth(request: IncomingMessage, response: ServerResponse, report: HealthReport): void {
  const code = report.status === 'closing' ? 503 : 200;
  if (/\bapplication\/json\b/.test(request.headers.accept ?? '')) {
    const body = JSON.stringify(report);
    response.writeHead(code, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
    });
    response.end(body);
    return;
  }
  sendText(response, code, report.status === 'degraded' ? `degraded: ${report.degraded.join(' ')}` : report.status);
}
