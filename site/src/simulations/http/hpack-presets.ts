/** Request sequences for the header-compression simulation, written as `name: value` lines. */
const UA = "user-agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const COMMON = [UA, "accept-encoding: gzip, deflate, br", "accept-language: en-GB,en;q=0.8", "cookie: session=7f3a9c2e41b86d05; theme=dark"];

function request(path: string, accept: string, extra: string[] = []): string {
  return [":method: GET", ":scheme: https", ":authority: shop.example", `:path: ${path}`, `accept: ${accept}`, ...COMMON, ...extra].join("\n");
}

export const HPACK_PRESETS: Record<string, { label: string; text: string }> = {
  browser: {
    label: "A browser loading a page",
    text: [
      request("/", "text/html,application/xhtml+xml"),
      request("/css/site.css", "text/css,*/*;q=0.1", ["referer: https://shop.example/"]),
      request("/js/app.js", "*/*", ["referer: https://shop.example/"]),
      request("/img/logo.png", "image/avif,image/webp,*/*", ["referer: https://shop.example/"]),
    ].join("\n\n"),
  },
  rfc: {
    label: "RFC 7541 Appendix C.3 (C.4 with Huffman on)",
    text: [
      ":method: GET\n:scheme: http\n:path: /\n:authority: www.example.com",
      ":method: GET\n:scheme: http\n:path: /\n:authority: www.example.com\ncache-control: no-cache",
      ":method: GET\n:scheme: https\n:path: /index.html\n:authority: www.example.com\ncustom-key: custom-value",
    ].join("\n\n"),
  },
  api: {
    label: "An API client with a bearer token",
    text: [1, 2, 3]
      .map((n) =>
        [
          ":method: POST",
          ":scheme: https",
          ":authority: api.example",
          `:path: /v1/orders/${1040 + n}/items`,
          "authorization: Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIiwic2NvcGUiOiJvcmRlcnMifQ.k3Xw9vQ",
          "content-type: application/json",
          "accept: application/json",
          `content-length: ${40 + n * 7}`,
        ].join("\n"),
      )
      .join("\n\n"),
  },
};
