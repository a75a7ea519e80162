/** The page's Content-Security-Policy, sent by both transports; antd injects styles at run time, hence 'unsafe-inline' for styles only. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
