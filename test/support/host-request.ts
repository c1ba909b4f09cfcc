// An HTTP request to a loopback server with a Host header of the test's choosing, as a browser
// sends it to a port origin (*.localhost) without the test machine resolving that name.
import http from 'node:http';

export interface HostAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function requestWithHost(
  port: number,
  host: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<HostAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, headers: { host, ...headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
