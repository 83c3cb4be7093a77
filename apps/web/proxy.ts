import { NextResponse, type NextRequest } from 'next/server';

export const PATH_HEADER = 'x-upright-path';

/**
 * Pages get the requested path in a header, so a signed-out visitor can be sent back there after sign-in.
 *
 * /api/* never reaches Next.js: the dashboard's server (server/main.ts) forwards it to the API itself, streamed and
 * with the connecting address appended to X-Forwarded-For, neither of which a proxy here could do (Next holds a
 * request body whole in memory before running this, and tells it nothing about the connection).
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const headers = new Headers(request.headers);
  headers.set(PATH_HEADER, pathname + search);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ['/((?!api/|_next/static|_next/image|favicon.ico).*)'] };
