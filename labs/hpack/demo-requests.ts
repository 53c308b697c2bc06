/**
 * What the demo encodes: a browser loading a page over one HTTP/2
 * connection. The host, user-agent and cookie repeat, which is what the
 * dynamic table is for.
 */
import type { Header } from "./scenarios.ts";

const UA = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const COOKIE = "session=8f14e45fceea167a; theme=dark";

function request(path: string, accept: string, cookie: boolean): Header[] {
  return [
    [":method", "GET"],
    [":scheme", "https"],
    [":authority", "www.example.com"],
    [":path", path],
    ["user-agent", UA],
    ["accept", accept],
    ["accept-encoding", "gzip, deflate, br"],
    ...(cookie ? ([["cookie", COOKIE]] as Header[]) : []),
  ];
}

/** Four request header lists, in the order a page load sends them. */
export function demoRequests(): Header[][] {
  return [
    request("/", "text/html,application/xhtml+xml,*/*;q=0.8", true),
    request("/style.css", "text/css,*/*;q=0.1", true),
    request("/app.js", "*/*", true),
    request("/logo.png", "image/avif,image/webp,*/*", true),
  ];
}
