import { NextResponse, type NextRequest } from 'next/server';
import { apiOrigin } from './lib/api-origin';

export const PATH_HEADER = 'x-upright-path';

/**
 * - /api/* is forwarded to the API at request time, so the browser talks to one origin (next.config rewrites
 *   would freeze the API's address at build time). Bodies, cookies and Set-Cookie pass through.
 * - Pages get the requested path in a header, so a signed-out visitor can be sent back there after sign-in.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith('/api/')) return NextResponse.rewrite(new URL(pathname + search, apiOrigin()));
  const headers = new Headers(request.headers);
  headers.set(PATH_HEADER, pathname + search);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ['/api/:path*', '/((?!_next/static|_next/image|favicon.ico).*)'] };
